package dev.stage1kvm.build;

/**
 * A build setting with a value that cannot be used. Carries the setting's name (as the plugin's parameter is called),
 * the value and the problem, so each front end can phrase it in its own terms.
 */
public class InvalidSpecException extends IllegalArgumentException {

    private final String setting;
    private final String value;
    private final String problem;

    public InvalidSpecException(String setting, String value, String problem) {
        super(setting + " '" + value + "' " + problem);
        this.setting = setting;
        this.value = value;
        this.problem = problem;
    }

    public String setting() {
        return setting;
    }

    public String value() {
        return value;
    }

    public String problem() {
        return problem;
    }
}

package dev.stage1kvm.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stage1kvm.aci.ImageManifest;
import dev.stage1kvm.pod.InvalidQuantityException;
import dev.stage1kvm.pod.Quantities;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads how an app runs from an OCI image config (image spec 1.1, "config.config": Entrypoint, Cmd, User, Env,
 * WorkingDir; Docker's config has the same shape) or an ACI's {@code app} field (appc spec 0.8.11: exec, user,
 * group, supplementaryGIDs, environment, workingDirectory, isolators).
 */
final class ConfigJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static final String MEMORY_ISOLATOR = "resource/memory";
    static final String CPU_ISOLATOR = "resource/cpu";

    private ConfigJson() {}

    static JsonNode parse(byte[] json, Path image, String what) throws AppImageException {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new AppImageException(image, what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new AppImageException(image, what + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** An OCI or Docker image config. */
    static ImageConfig fromOciConfig(JsonNode root) {
        JsonNode config = root.path("config");
        String[] user = config.path("User").asText("").split(":", 2);
        Map<String, String> environment = new LinkedHashMap<>();
        for (String variable : strings(config.path("Env"))) {
            String[] nameValue = variable.split("=", 2);
            environment.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
        }
        return new ImageConfig(
                strings(config.path("Entrypoint")),
                strings(config.path("Cmd")),
                user[0],
                user.length > 1 ? user[1] : "",
                List.of(),
                environment,
                config.path("WorkingDir").asText("/"),
                OptionalLong.empty(),
                OptionalLong.empty());
    }

    /** An ACI's {@code app} field; an image without one has nothing to run. */
    static ImageConfig fromAciManifest(ImageManifest manifest, Path image) throws AppImageException {
        JsonNode app = manifest.otherFields().get("app");
        if (app == null || !app.isObject()) {
            throw new AppImageException(
                    image,
                    "manifest has no 'app' field, so the image names nothing to run;"
                            + " use an image built as an app (it has exec, user and group)");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode pair : app.path("environment")) {
            environment.put(pair.path("name").asText(), pair.path("value").asText());
        }
        List<Integer> supplementary = new ArrayList<>();
        app.path("supplementaryGIDs").forEach(gid -> supplementary.add(gid.asInt()));
        List<String> exec = strings(app.path("exec"));
        return new ImageConfig(
                exec.isEmpty() ? List.of() : exec.subList(0, 1),
                exec.isEmpty() ? List.of() : exec.subList(1, exec.size()),
                app.path("user").asText("0"),
                app.path("group").asText("0"),
                supplementary,
                environment,
                app.path("workingDirectory").asText("/"),
                isolator(app, MEMORY_ISOLATOR, image),
                isolator(app, CPU_ISOLATOR, image));
    }

    private static OptionalLong isolator(JsonNode app, String name, Path image) throws AppImageException {
        for (JsonNode isolator : app.path("isolators")) {
            if (!name.equals(isolator.path("name").asText())) {
                continue;
            }
            JsonNode limit = isolator.path("value").path("limit");
            if (limit.isMissingNode() || limit.isNull()) {
                return OptionalLong.empty();
            }
            String field = image + ": isolator " + name + " limit";
            try {
                return OptionalLong.of(
                        name.equals(MEMORY_ISOLATOR)
                                ? Quantities.memoryBytes(field, limit.asText())
                                : Quantities.cpuMillis(field, limit.asText()));
            } catch (InvalidQuantityException e) {
                throw new AppImageException(
                        image, e.getMessage().substring(image.toString().length() + 2), e);
            }
        }
        return OptionalLong.empty();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.asText()));
        return values;
    }
}

package dev.stage1kvm.aci;

import java.util.Objects;

/** A label or an annotation of an image manifest. */
public record NameValue(String name, String value) {

    public NameValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}

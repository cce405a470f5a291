package io.sealfleet.api.validation;

import io.sealfleet.api.ApiGroup;
import io.sealfleet.api.StoragePathSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A worker's spec.storage: each path's schema and CEL rules, and the list's unique IDs. */
final class StoragePathRules {
    private static final Pattern NAME = Pattern.compile(ApiGroup.NAME_PATTERN);

    private StoragePathRules() {
    }

    static void check(List<StoragePathSpec> storage, FieldErrors errors) {
        if (storage == null) {
            return;
        }
        Map<String, Integer> firstIndexOfId = new HashMap<>();
        for (int i = 0; i < storage.size(); i++) {
            String at = "spec.storage[" + i + "]";
            StoragePathSpec path = storage.get(i);
            if (!errors.required(at, path, "remove the empty list item or describe the path")) {
                continue;
            }
            path(path, at, errors);
            if (path.id != null) {
                Integer first = firstIndexOfId.putIfAbsent(path.id, i);
                if (first != null) {
                    errors.add(at + ".id", "'" + path.id + "' is already the id of spec.storage[" + first + "]; give each "
                            + "path of a worker its own id (the same id on two workers means one shared volume)");
                }
            }
        }
    }

    private static void path(StoragePathSpec path, String at, FieldErrors errors) {
        errors.required(at + ".id", path.id, "set a path id such as nvme-scratch");
        errors.matches(at + ".id", path.id, NAME,
                "use lowercase letters, digits and '-', starting and ending with a letter or digit");
        if ((path.hostPath == null) == (path.claimName == null)) {
            errors.add(at, path.hostPath == null
                    ? "the path has no volume; set hostPath (a directory on the node) or claimName (a PVC)"
                    : "the path sets both hostPath and claimName; keep exactly one of them");
        }
        if (!Boolean.TRUE.equals(path.canSeal) && !Boolean.TRUE.equals(path.canStore)) {
            errors.add(at, "the path may hold nothing; set canSeal: true (sealing scratch) or canStore: true "
                    + "(finalized sectors), or both");
        }
        errors.atLeast(at + ".weight", path.weight, 0, "write a weight of 0 or more (default 10)");
        errors.quantity(at + ".maxStorage", path.maxStorage);
    }
}

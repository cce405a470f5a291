package io.sealfleet.api;

/** Field paths as the API server prints them: {@code spec.storage[1].hostPath}. */
final class FieldPaths {
    private FieldPaths() {
    }

    static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /**
     * Whether {@code outer} is {@code inner} or one of its parents. A CEL rule reports the level it is
     * declared at ({@code spec}), while a Java check names the exact field ({@code spec.ticket}).
     */
    static boolean isAtOrAbove(String outer, String inner) {
        return inner.equals(outer)
                || inner.startsWith(outer + ".")
                || inner.startsWith(outer + "[");
    }
}

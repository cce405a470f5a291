package io.sealfleet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API server type-checks CEL rules against the schema when the CRD is applied and refuses rules that
 * select undeclared fields; the mock server applies anything. Our validator types objects as dynamic
 * maps, so this test is what catches a misspelt field in a rule before a real cluster does.
 */
class CrdCelRulesTest {
    private static final Pattern SELECTED_FIELD = Pattern.compile("\\b(?:self|oldSelf)\\.([A-Za-z_][A-Za-z0-9_]*)");

    record Rule(String crd, String path, JsonNode schema, String expression) {
        @Override
        public String toString() {
            return crd + " " + path + ": " + expression;
        }
    }

    static Stream<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (Path file : GeneratedCrds.generatedFiles()) {
            for (JsonNode version : GeneratedCrds.read(file).path("spec").path("versions")) {
                collect(file.getFileName().toString(), version.path("schema").path("openAPIV3Schema"), "", rules);
            }
        }
        return rules.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleCompilesWithCel(Rule rule) {
        assertThatCode(() -> new CelRules().requireCompiles(rule.expression(), rule.schema().path("type").asText()))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleSelectsOnlyFieldsDeclaredWhereItSits(Rule rule) {
        Matcher m = SELECTED_FIELD.matcher(rule.expression());
        while (m.find()) {
            assertThat(rule.schema().path("properties").has(m.group(1)))
                    .as("%s selects %s, which %s does not declare", rule.expression(), m.group(1),
                            rule.path().isEmpty() ? "the root" : rule.path())
                    .isTrue();
        }
    }

    private static void collect(String crd, JsonNode schema, String path, List<Rule> out) {
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            out.add(new Rule(crd, path, schema, rule.path("rule").asText()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            collect(crd, p.getValue(), FieldPaths.child(path, p.getKey()), out);
        }
        if (schema.has("items")) {
            collect(crd, schema.get("items"), path + "[]", out);
        }
        if (schema.path("additionalProperties").isObject()) {
            collect(crd, schema.get("additionalProperties"), path + "[*]", out);
        }
    }
}

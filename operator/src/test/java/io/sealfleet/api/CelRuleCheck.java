package io.sealfleet.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs every {@code x-kubernetes-validations} rule on the value at the level where it is declared, with
 * {@code self} bound to that value and, for transition rules, {@code oldSelf} to the same path of the old
 * object. Like the API server, transition rules are skipped on create and where the old object has no
 * value; list items are not correlated (that needs {@code x-kubernetes-list-type: map}, which our CRDs
 * do not use), so transition rules below a list never run.
 */
final class CelRuleCheck {
    private static final Set<String> RULE_KEYS = Set.of("rule", "message", "messageExpression", "reason", "fieldPath");

    private final CelRules rules;
    private final List<Violation> violations = new ArrayList<>();

    private CelRuleCheck(CelRules rules) {
        this.rules = rules;
    }

    static List<Violation> run(CelRules rules, JsonNode openApiV3Schema, JsonNode object, JsonNode oldObject) {
        CelRuleCheck check = new CelRuleCheck(rules);
        check.visit(openApiV3Schema, object, oldObject, "", OpenApiSchemaCheck.ROOT_FIELDS);
        return List.copyOf(check.violations);
    }

    private void visit(JsonNode schema, JsonNode value, JsonNode old, String path, Set<String> implicitFields) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        JsonNode oldValue = old == null || old.isNull() || old.isMissingNode() ? null : old;
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            apply(rule, schema, value, oldValue, path, implicitFields);
        }
        JsonNode properties = schema.path("properties");
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode childSchema = properties.has(field.getKey()) ? properties.get(field.getKey())
                        : schema.get("additionalProperties");
                if (childSchema != null && childSchema.isObject()) {
                    visit(childSchema, field.getValue(), oldValue == null ? null : oldValue.get(field.getKey()),
                            FieldPaths.child(path, field.getKey()), Set.of());
                }
            }
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                visit(schema.get("items"), value.get(i), null, FieldPaths.item(path, i), Set.of());
            }
        }
    }

    private void apply(JsonNode rule, JsonNode schema, JsonNode value, JsonNode oldValue, String path,
                       Set<String> implicitFields) {
        rule.fieldNames().forEachRemaining(key -> {
            if (!RULE_KEYS.contains(key)) {
                throw new IllegalStateException("CrdSchemaValidator does not implement validation-rule key '" + key
                        + "' (at " + path + ")");
            }
        });
        String expression = rule.path("rule").asText();
        boolean transition = CelRules.isTransitionRule(expression);
        if (transition && oldValue == null) {
            return;
        }
        String type = schema.path("type").asText("");
        Object self = CelValues.of(schema, value, implicitFields);
        Object oldSelf = transition ? CelValues.of(schema, oldValue, implicitFields) : null;
        String field = path + rule.path("fieldPath").asText("");
        try {
            if (!rules.evaluatesToTrue(expression, type, self, oldSelf)) {
                violations.add(new Violation(field, message(rule, type, self)));
            }
        } catch (CelRules.RuleEvaluationException e) {
            violations.add(new Violation(field, "rule '" + expression + "' could not be evaluated: " + e.getMessage()));
        }
    }

    private String message(JsonNode rule, String type, Object self) {
        if (rule.hasNonNull("messageExpression")) {
            return rules.evaluateMessage(rule.get("messageExpression").asText(), type, self);
        }
        if (rule.hasNonNull("message")) {
            return rule.get("message").asText();
        }
        return "failed rule: " + rule.path("rule").asText();
    }
}

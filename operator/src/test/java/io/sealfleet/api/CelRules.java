package io.sealfleet.api;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Compiles and runs {@code x-kubernetes-validations} rules with dev.cel. {@code self} (and {@code oldSelf})
 * are declared with the CEL type of the schema node the rule sits on; objects are dynamic maps, as
 * the rules only use field selection and {@code has()}. Programs are cached: the schemas are fixed.
 */
final class CelRules {
    private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");

    private final Map<String, Cel> environments = new ConcurrentHashMap<>();
    private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

    /** Transition rules compare with the stored object; the API server runs them only on update. */
    static boolean isTransitionRule(String rule) {
        return OLD_SELF.matcher(rule).find();
    }

    /** Compiles the rule as the API server does when the CRD is applied; throws when it does not compile. */
    void requireCompiles(String rule, String schemaType) {
        programs.computeIfAbsent(schemaType + "|" + SimpleType.BOOL + "|" + rule,
                key -> compile(rule, schemaType, SimpleType.BOOL));
    }

    boolean evaluatesToTrue(String rule, String schemaType, Object self, Object oldSelf) {
        Object result = evaluate(rule, schemaType, SimpleType.BOOL, self, oldSelf);
        if (!(result instanceof Boolean b)) {
            throw new IllegalStateException("rule '" + rule + "' returned " + result + ", not a bool");
        }
        return b;
    }

    String evaluateMessage(String expression, String schemaType, Object self) {
        return String.valueOf(evaluate(expression, schemaType, SimpleType.STRING, self, null));
    }

    private Object evaluate(String expression, String schemaType, CelType resultType, Object self, Object oldSelf) {
        CelRuntime.Program program = programs.computeIfAbsent(schemaType + "|" + resultType + "|" + expression,
                key -> compile(expression, schemaType, resultType));
        Map<String, Object> variables = new HashMap<>();
        variables.put("self", self);
        if (oldSelf != null) {
            variables.put("oldSelf", oldSelf);
        }
        try {
            return program.eval(variables);
        } catch (CelEvaluationException e) {
            throw new RuleEvaluationException(e.getMessage(), e);
        }
    }

    private CelRuntime.Program compile(String expression, String schemaType, CelType resultType) {
        Cel cel = environments.computeIfAbsent(schemaType + "|" + resultType, key -> environment(schemaType, resultType));
        try {
            CelAbstractSyntaxTree ast = cel.compile(expression).getAst();
            return cel.createProgram(ast);
        } catch (CelValidationException | CelEvaluationException e) {
            // A rule the generator wrote but CEL cannot compile would also be refused by the API server.
            throw new IllegalStateException("CEL rule does not compile: " + expression + ": " + e.getMessage(), e);
        }
    }

    private static Cel environment(String schemaType, CelType resultType) {
        CelType selfType = celType(schemaType);
        return CelFactory.standardCelBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                // The API server enables the strings extension (lowerAscii, split, ...) for CRD rules.
                .addCompilerLibraries(CelExtensions.strings())
                .addRuntimeLibraries(CelExtensions.strings())
                .addVar("self", selfType)
                .addVar("oldSelf", selfType)
                .setResultType(resultType)
                .build();
    }

    private static CelType celType(String schemaType) {
        return switch (schemaType) {
            case "object" -> MapType.create(SimpleType.STRING, SimpleType.DYN);
            case "array" -> ListType.create(SimpleType.DYN);
            case "string" -> SimpleType.STRING;
            case "integer" -> SimpleType.INT;
            case "number" -> SimpleType.DOUBLE;
            case "boolean" -> SimpleType.BOOL;
            default -> SimpleType.DYN;
        };
    }

    /** A rule that failed at run time (e.g. a field it selects is absent); the API server rejects then too. */
    static final class RuleEvaluationException extends RuntimeException {
        RuleEvaluationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

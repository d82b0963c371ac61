package kr.tickets.localstack;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the intrinsic functions the project's template uses in values that reach code
 * (environment variables, definition substitutions): Ref, Fn::GetAtt, Fn::Sub, Fn::Join.
 * Anything else is refused loudly rather than guessed.
 */
public final class Intrinsics {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";
    public static final String STACK = "ticketing-local";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    private final LocalResources resources;
    private final Map<String, Object> parameters;

    public Intrinsics(LocalResources resources, Map<String, Object> parameters) {
        this.resources = resources;
        this.parameters = parameters;
    }

    public String resolve(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        Map<String, Object> fn = SamTemplate.map(value);
        if (fn.size() != 1) {
            throw new IllegalArgumentException("cannot resolve " + value);
        }
        Map.Entry<String, Object> entry = fn.entrySet().iterator().next();
        return switch (entry.getKey()) {
            case "Ref" -> ref(entry.getValue().toString());
            case "Fn::GetAtt" -> {
                List<Object> parts = SamTemplate.list(entry.getValue());
                yield resources.attribute(parts.get(0).toString(), parts.get(1).toString());
            }
            case "Fn::Sub" -> sub(entry.getValue());
            case "Fn::Join" -> {
                List<Object> args = SamTemplate.list(entry.getValue());
                StringBuilder out = new StringBuilder();
                List<Object> items = SamTemplate.list(args.get(1));
                for (int i = 0; i < items.size(); i++) {
                    out.append(i == 0 ? "" : args.get(0)).append(resolve(items.get(i)));
                }
                yield out.toString();
            }
            default -> throw new IllegalArgumentException("intrinsic not supported locally: " + entry.getKey());
        };
    }

    /**
     * The logical ids a value refers to (Ref, Fn::GetAtt, the variables of Fn::Sub), so that
     * resources can be created after the ones they need. Parameters and pseudo parameters are
     * left out.
     */
    public static java.util.Set<String> references(Object value) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        collect(value, out);
        return out;
    }

    private static void collect(Object value, java.util.Set<String> out) {
        if (value instanceof List<?> items) {
            items.forEach(item -> collect(item, out));
            return;
        }
        Map<String, Object> map = SamTemplate.map(value);
        map.forEach((key, argument) -> {
            switch (key) {
                case "Ref" -> out.add(argument.toString().split("\\.", 2)[0]);
                case "Fn::GetAtt" -> out.add(SamTemplate.list(argument).get(0).toString());
                case "Fn::Sub" -> {
                    String text = argument instanceof String s ? s : SamTemplate.list(argument).get(0).toString();
                    Matcher matcher = SUB_VARIABLE.matcher(text);
                    while (matcher.find()) {
                        out.add(matcher.group(1).split("\\.", 2)[0]);
                    }
                    if (!(argument instanceof String)) {
                        collect(SamTemplate.list(argument).get(1), out);
                    }
                }
                default -> collect(argument, out);
            }
        });
        out.removeIf(id -> id.startsWith("AWS::"));
    }

    private String ref(String name) {
        return switch (name) {
            case "AWS::Region" -> REGION;
            case "AWS::AccountId" -> ACCOUNT;
            case "AWS::StackName" -> STACK;
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            default -> {
                if (parameters.containsKey(name)) {
                    yield parameters.get(name).toString();
                }
                yield resources.physicalId(name);
            }
        };
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof String s) {
            text = s;
        } else {
            List<Object> args = SamTemplate.list(argument);
            text = args.get(0).toString();
            variables = SamTemplate.map(args.get(1));
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement;
            if (variables.containsKey(name)) {
                replacement = resolve(variables.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                String[] parts = name.split("\\.", 2);
                replacement = resources.attribute(parts[0], parts[1]);
            } else {
                replacement = ref(name);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}

package kr.tickets.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.tickets.localstack.ProjectPaths;
import kr.tickets.localstack.SamTemplate;

/** A function of template.yaml as the runner needs it: where its code is and how it is called. */
public record FunctionSpec(String id, String handlerClass, Path codeUri, int timeoutSeconds, int memoryMb,
                           List<ApiRoute> routes) {

    public static List<FunctionSpec> fromTemplate(SamTemplate template) {
        Map<String, Object> globals = template.globals("Function");
        List<FunctionSpec> specs = new ArrayList<>();
        template.resourcesOfType("AWS::Serverless::Function").forEach((id, resource) -> {
            Map<String, Object> properties = SamTemplate.map(resource.get("Properties"));
            String handler = String.valueOf(properties.getOrDefault("Handler", globals.get("Handler")));
            List<ApiRoute> routes = new ArrayList<>();
            SamTemplate.map(properties.get("Events")).forEach((name, event) -> {
                Map<String, Object> spec = SamTemplate.map(event);
                if ("Api".equals(spec.get("Type"))) {
                    Map<String, Object> api = SamTemplate.map(spec.get("Properties"));
                    routes.add(new ApiRoute(id, api.get("Method").toString(), api.get("Path").toString()));
                }
            });
            specs.add(new FunctionSpec(id, handler.split("::", 2)[0],
                    ProjectPaths.root().resolve(properties.get("CodeUri").toString()),
                    number(properties.getOrDefault("Timeout", globals.get("Timeout")), 3),
                    number(properties.getOrDefault("MemorySize", globals.get("MemorySize")), 128),
                    List.copyOf(routes)));
        });
        return specs;
    }

    private static int number(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }
}

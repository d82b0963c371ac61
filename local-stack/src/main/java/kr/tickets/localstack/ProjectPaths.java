package kr.tickets.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root (the folder that holds template.yaml) from wherever a JVM runs. */
public final class ProjectPaths {
    private ProjectPaths() {
    }

    public static Path root() {
        String configured = System.getProperty("project.root", System.getenv("PROJECT_ROOT"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("local"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }

    public static Path template() {
        return root().resolve("template.yaml");
    }
}

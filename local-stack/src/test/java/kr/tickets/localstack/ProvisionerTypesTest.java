package kr.tickets.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every resource type in template.yaml is either provisioned in moto or deliberately left out;
 * a type that is neither is refused before anything is created (no moto needed here).
 */
class ProvisionerTypesTest {

    @Test
    void everyTypeOfTheTemplateIsProvisionedOrDeliberatelyLeftOut() {
        Set<String> unknown = new TreeSet<>();
        SamTemplate.load().resources().values().forEach(resource -> {
            String type = String.valueOf(resource.get("Type"));
            if (!Provisioner.PROVISIONED.contains(type) && !Provisioner.NOT_EMULATED.contains(type)) {
                unknown.add(type);
            }
        });
        assertEquals(Set.of(), unknown);
    }

    @Test
    void theTemplateHasTheObservabilityTypesThatAreLeftOut() {
        Set<String> types = new TreeSet<>();
        SamTemplate.load().resources().values().forEach(resource -> types.add(String.valueOf(resource.get("Type"))));
        assertTrue(types.containsAll(Set.of("AWS::CloudWatch::Alarm", "AWS::CloudWatch::Dashboard", "AWS::SNS::Topic",
                "AWS::Logs::LogGroup")), types.toString());
    }

    @Test
    void anUnknownTypeIsRefusedBeforeAnythingIsCreated(@TempDir Path dir) throws IOException {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, """
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties: {}
                  FileSystem:
                    Type: AWS::EFS::FileSystem
                """);
        // An endpoint nothing listens on: the refusal must come before any call to it.
        Provisioner provisioner = new Provisioner(SamTemplate.load(template), "http://127.0.0.1:9");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, provisioner::provision);
        assertTrue(refused.getMessage().contains("FileSystem") && refused.getMessage().contains("AWS::EFS::FileSystem"),
                refused.getMessage());
    }
}

package kr.tickets.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the provisioner created: each logical id's physical id and attributes (Arn, ...). */
public final class LocalResources {
    private final Map<String, String> physicalIds = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> attributes = new LinkedHashMap<>();

    public void put(String logicalId, String physicalId, Map<String, String> attributesOfResource) {
        physicalIds.put(logicalId, physicalId);
        attributes.put(logicalId, Map.copyOf(attributesOfResource));
    }

    public String physicalId(String logicalId) {
        String id = physicalIds.get(logicalId);
        if (id == null) {
            throw new IllegalArgumentException("no local resource " + logicalId);
        }
        return id;
    }

    public String attribute(String logicalId, String attribute) {
        String value = attributes.getOrDefault(logicalId, Map.of()).get(attribute);
        if (value == null) {
            throw new IllegalArgumentException("no attribute " + attribute + " of " + logicalId);
        }
        return value;
    }
}

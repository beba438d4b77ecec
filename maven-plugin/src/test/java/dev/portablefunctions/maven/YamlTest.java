package dev.portablefunctions.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlTest {

  @Test
  void writesWhatAYamlParserReadsBack() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("Transform", "AWS::Serverless-2016-10-31");
    root.put("Count", 3);
    root.put("Flag", true);
    root.put("Fn::GetAtt", List.of("Queue", "Arn"));
    root.put("Tricky", "a \"quoted\"\nline: with # and \\ and \u0001");
    root.put(
        "Items",
        List.of(
            Map.of("Name", "a"),
            new LinkedHashMap<>(Map.of("x", List.of(1, 2))),
            "plain",
            List.of("nested")));
    root.put("Empty", Map.of());

    String text = Yaml.write(root);
    Object parsed = new org.yaml.snakeyaml.Yaml().load(text);

    assertThat(parsed).isEqualTo(root);
  }
}

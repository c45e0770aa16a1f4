package uk.safeguarding.hub.access.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A YAML document read as plain maps and lists, with the line of every path in it, so that any rule
 * broken deep inside (by Jackson binding, Bean Validation or a cross-check) can be reported at its line.
 * Paths use Java property names: {@code lawful-basis} is indexed as {@code lawfulBasis}.
 */
final class YamlDocument {

    final String file;
    final Object content;
    private final Map<String, Integer> lines = new HashMap<>();

    /** The text is not YAML at all. */
    static final class Unreadable extends RuntimeException {
        final transient PolicyProblem problem;

        Unreadable(PolicyProblem problem) {
            super(problem.toString());
            this.problem = problem;
        }
    }

    private YamlDocument(String file, Object content, Node root) {
        this.file = file;
        this.content = content;
        if (root != null) {
            index(root, "");
        }
    }

    static YamlDocument parse(String file, String text) {
        try {
            Yaml yaml = yaml();
            Node root = yaml.compose(new java.io.StringReader(text));
            return new YamlDocument(file, yaml.load(text), root);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new Unreadable(new PolicyProblem(file, line, "", "not valid YAML: " + e.getProblem()));
        }
    }

    /** Dates stay strings (Jackson reads them as LocalDate); YAML would make them java.util.Date. */
    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Resolver noTimestamps = new Resolver() {
            @Override
            public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
                if (!Tag.TIMESTAMP.equals(tag)) {
                    super.addImplicitResolver(tag, regexp, first, limit);
                }
            }
        };
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, noTimestamps);
    }

    private void index(Node node, String path) {
        lines.putIfAbsent(path, node.getStartMark().getLine() + 1);
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    String child = (path.isEmpty() ? "" : path + ".") + camel(key.getValue());
                    lines.put(child, key.getStartMark().getLine() + 1);
                    index(tuple.getValueNode(), child);
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                index(items.get(i), path + "[" + i + "]");
            }
        }
    }

    /** The line of a path, or of its nearest ancestor that has one. */
    int line(String path) {
        String p = path;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return lines.getOrDefault("", 1);
            }
            p = p.substring(0, cut);
        }
    }

    PolicyProblem problem(String path, String rule) {
        return new PolicyProblem(file, line(path), path, rule);
    }

    static String camel(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}

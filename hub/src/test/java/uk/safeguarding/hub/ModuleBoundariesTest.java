package uk.safeguarding.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** One package per capability; each reaches others only through their top-level (public) types. */
class ModuleBoundariesTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(HubApplication.class);

    @Test
    void modulesKeepToTheirInterfaces() {
        MODULES.verify();
    }

    /** The modules' component diagram and canvases, written afresh by every build into docs/modules. */
    @Test
    void moduleDocumentationIsWritten() throws Exception {
        Path docs = Path.of("..", "docs", "modules");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(docs.toString()))
                .writeDocumentation(Documenter.DiagramOptions.defaults(), Documenter.CanvasOptions.defaults());
        assertThat(docs.resolve("components.puml")).exists();
        try (var files = Files.list(docs)) {
            for (Path diagram : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                Files.write(diagram, relationsSorted(Files.readAllLines(diagram)));
            }
        }
        Path all = docs.resolve("all-docs.adoc");
        Files.writeString(all, sectionsSorted(Files.readString(all)));
        try (var files = Files.list(docs)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("module-access")).anyMatch(name -> name.startsWith("module-audit"));
        }
    }

    /** The overview's module sections in name order, after the first (the application's). */
    private static String sectionsSorted(String overview) {
        List<String> sections = new ArrayList<>(List.of(overview.split("(?m)^(?=== )")));
        String application = sections.remove(0);
        sections.replaceAll(section -> section.endsWith("\n\n") ? section : section.stripTrailing() + "\n\n");
        return application + String.join("", sections.stream().sorted().toList()).stripTrailing() + "\n";
    }

    /** Modulith writes relations in no fixed order; sorted, an unchanged design leaves the files unchanged. */
    private static List<String> relationsSorted(List<String> lines) {
        List<String> relations = lines.stream().filter(line -> line.startsWith("Rel(")).sorted().toList();
        List<String> sorted = new ArrayList<>(lines.size());
        int next = 0;
        for (String line : lines) {
            sorted.add(line.startsWith("Rel(") ? relations.get(next++) : line);
        }
        return sorted;
    }
}

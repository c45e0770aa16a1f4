package uk.safeguarding.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
            assertThat(files.map(f -> f.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("module-access")).anyMatch(name -> name.startsWith("module-audit"));
        }
    }
}

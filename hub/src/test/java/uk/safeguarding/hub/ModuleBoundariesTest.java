package uk.safeguarding.hub;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** One package per capability; each reaches others only through their top-level (public) types. */
class ModuleBoundariesTest {

    @Test
    void modulesKeepToTheirInterfaces() {
        ApplicationModules.of(HubApplication.class).verify();
    }
}

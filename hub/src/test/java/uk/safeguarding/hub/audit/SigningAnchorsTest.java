package uk.safeguarding.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the hub demands of its signing key and witness before it starts, and what the witness folder keeps. */
class SigningAnchorsTest {

    @TempDir
    Path dir;

    private static AuditProperties properties(String keyFile, String witnessDir, boolean required) {
        return new AuditProperties(keyFile, java.time.Duration.ofMinutes(1), null, List.of(" sha256:old ", ""),
                witnessDir, required);
    }

    @Test
    void withoutAKeyFileOrAWitnessAServerRefusesToStart() throws Exception {
        assertThatThrownBy(() -> AuditCheckpoints.signingKey(properties(null, dir.toString(), true)))
                .hasMessageContaining("hub.audit.signing-key-file (HUB_AUDIT_SIGNING_KEY_FILE) is required");
        assertThatThrownBy(() -> AuditCheckpoints.witness(properties(null, null, true)))
                .hasMessageContaining("hub.audit.witness-dir (HUB_AUDIT_WITNESSDIR) is required");

        KeyPair key = CheckpointSigning.generate();
        Path file = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        assertThat(AuditCheckpoints.signingKey(properties(file.toString(), dir.toString(), true)).getPublic().getEncoded())
                .isEqualTo(key.getPublic().getEncoded());
        // local mode may make a throw-away key
        assertThat(AuditCheckpoints.signingKey(properties(null, null, false))).isNotNull();
        assertThat(properties(null, null, false).trustedKeyIds()).containsExactly("sha256:old");
    }

    @Test
    void theWitnessFolderKeepsEachCheckpointOnceAndNeverWritesOverIt() throws Exception {
        FolderWitness witness = new FolderWitness(dir.resolve("witness"));
        assertThat(witness.newest()).isEmpty();
        ChainVerifier.Checkpoint ninth = new ChainVerifier.Checkpoint(9, "a".repeat(64), "2026-01-05T09:00:09Z", "sha256:k", "c2ln");
        ChainVerifier.Checkpoint tenth = new ChainVerifier.Checkpoint(10, "b".repeat(64), "2026-01-05T09:00:10Z", "sha256:k", "c2ln");
        witness.witness(tenth);
        witness.witness(ninth);
        witness.witness(tenth); // the same again is harmless

        assertThat(witness.newest()).contains(tenth);
        assertThat(Files.getPosixFilePermissions(dir.resolve("witness/checkpoint-0000000000000000010.json")))
                .doesNotContain(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
        assertThatThrownBy(() -> witness.witness(new ChainVerifier.Checkpoint(10, "c".repeat(64), "2026-01-05T09:00:11Z",
                "sha256:k", "c2ln"))).hasMessageContaining("already holds a different checkpoint for sequence 10");
        assertThat(FolderWitness.newestIn(dir.resolve("witness/checkpoint-0000000000000000009.json"))).contains(ninth);
    }
}

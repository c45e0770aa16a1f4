package uk.safeguarding.hub.audit;

import java.util.Optional;

/**
 * Somewhere each signed checkpoint is written as well as the database, which the database's
 * administrators cannot change: an append-only folder on other storage, or a bucket with object lock.
 * Deleting the tail of the log together with its checkpoints is then caught, because the newest
 * witnessed checkpoint still seals what was deleted.
 */
interface CheckpointWitness {

    /** Keeps the checkpoint; throws if it cannot, so that the checkpoint is not written to the database either. */
    void witness(ChainVerifier.Checkpoint checkpoint);

    /** The witnessed checkpoint with the highest sequence. */
    Optional<ChainVerifier.Checkpoint> newest();

    /** Where the checkpoints go, for the log (no secrets). */
    String describe();

    CheckpointWitness NONE = new CheckpointWitness() {
        @Override
        public void witness(ChainVerifier.Checkpoint checkpoint) {
        }

        @Override
        public Optional<ChainVerifier.Checkpoint> newest() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "no witness";
        }
    };
}

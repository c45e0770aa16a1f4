package uk.safeguarding.hub.ingest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import uk.safeguarding.connectors.canonical.SourceRecord;

/**
 * Reads, validates and hashes a bulk load's chunks ahead of the store, on its own thread; at most two
 * wait, so a file is never held whole. A failure to read is handed over as a chunk, so that the store
 * fails the load with it.
 */
final class ChunkReader implements Runnable {

    /** A chunk as read: the records, each one's problems and content hash (null for a record with problems). */
    record Chunk(List<SourceRecord> records, List<List<String>> problems, String[] hashes, RuntimeException failure) {
        static final Chunk END = new Chunk(List.of(), List.of(), new String[0], null);
    }

    private final Iterator<SourceRecord> records;
    private final int size;
    private final RecordValidation validation;
    private final BlockingQueue<Chunk> ready = new ArrayBlockingQueue<>(2);
    private volatile boolean stopped;

    ChunkReader(Iterator<SourceRecord> records, int size, RecordValidation validation) {
        this.records = records;
        this.size = size;
        this.validation = validation;
    }

    @Override
    public void run() {
        try {
            while (!stopped && records.hasNext()) {
                List<SourceRecord> chunk = new ArrayList<>(size);
                while (chunk.size() < size && records.hasNext()) {
                    chunk.add(records.next());
                }
                List<List<String>> problems = new ArrayList<>(chunk.size());
                String[] hashes = new String[chunk.size()];
                for (int i = 0; i < chunk.size(); i++) {
                    problems.add(validation.problems(chunk.get(i)));
                    hashes[i] = problems.get(i).isEmpty() ? DeliveryLog.contentHash(chunk.get(i).raw()) : null;
                }
                hand(new Chunk(chunk, problems, hashes, null));
            }
            hand(Chunk.END);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException failed) {
            try {
                hand(new Chunk(List.of(), List.of(), new String[0], failed));
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void hand(Chunk chunk) throws InterruptedException {
        while (!stopped && !ready.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
            // the store is busy with the chunks before; wait (or stop, if the load has failed)
        }
    }

    /** The next chunk, waiting for it; {@link Chunk#END} after the last. Throws what the reading threw. */
    Chunk next() {
        try {
            Chunk chunk = ready.take();
            if (chunk.failure() != null) {
                throw chunk.failure();
            }
            return chunk;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the bulk load was interrupted", e);
        }
    }

    void stop() {
        stopped = true;
    }
}

package uk.safeguarding.hub.identity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.codec.digest.MurmurHash3;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.safeguarding.hub.identity.matching.MatchModel;

/** The matcher's blocking keys as 64-bit hashes in {@code match_block}: small to index, and no personal data in clear. */
final class Blocks {

    private Blocks() {
    }

    static long[] keys(MatchModel.Prepared record) {
        List<String> keys = MatchModel.blockingKeys(record);
        long[] hashes = new long[keys.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = MurmurHash3.hash128x64(keys.get(i).getBytes(StandardCharsets.UTF_8))[0];
        }
        return hashes;
    }

    /** Files each record under its keys, in one statement. */
    static void file(JdbcClient jdbc, List<Long> recordIds, List<long[]> keys) {
        List<Long> k = new ArrayList<>();
        List<Long> r = new ArrayList<>();
        for (int i = 0; i < recordIds.size(); i++) {
            for (long key : keys.get(i)) {
                k.add(key);
                r.add(recordIds.get(i));
            }
        }
        if (!k.isEmpty()) {
            jdbc.sql("""
                    insert into match_block (key, person_record_id)
                    select * from unnest(?::bigint[], ?::bigint[]) on conflict do nothing""")
                    .params(k.toArray(Long[]::new), r.toArray(Long[]::new))
                    .update();
        }
    }
}

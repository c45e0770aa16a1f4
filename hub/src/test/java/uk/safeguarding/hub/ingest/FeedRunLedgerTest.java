package uk.safeguarding.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.safeguarding.hub.LocalHubTest;

/** A run cut short is marked abandoned, and the next run resumes where it stopped. */
class FeedRunLedgerTest extends LocalHubTest {

    @Autowired
    FeedRunLedger ledger;

    @Test
    void theNextRunResumesAtTheLastPageTheCutShortRunFinished() {
        String feed = "resume-test-feed";
        // a run that a stopped hub left behind after finishing three pages
        String cut = jdbc.sql("""
                insert into feed_run (id, feed, started_at, last_page) values (gen_random_uuid(), ?, now() - interval '1 minute', 3)
                returning id::text""").param(feed).query(String.class).single();

        String next = ledger.open(feed).orElseThrow();

        assertThat(jdbc.sql("select status, failure from feed_run where id = ?::uuid").param(cut).query().singleRow())
                .containsEntry("status", "failed").containsEntry("failure", "abandoned: the hub stopped during the run");
        assertThat(ledger.startPage(next)).isEqualTo(3);
        assertThat(jdbc.sql("select first_page from feed_run where id = ?::uuid").param(next).query(Integer.class).single())
                .isEqualTo(3);
        ledger.pageDone(next, 3);
        ledger.pageDone(next, 4);
        ledger.complete(next);

        String after = ledger.open(feed).orElseThrow();
        assertThat(ledger.startPage(after)).as("after a completed run, from the start").isEqualTo(1);
        ledger.complete(after);
    }
}

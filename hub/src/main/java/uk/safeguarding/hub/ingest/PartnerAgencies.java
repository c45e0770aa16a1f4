package uk.safeguarding.hub.ingest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The partner agencies whose records the hub keeps (the agency table, which this module owns), by code. */
@Service
public class PartnerAgencies {

    private final JdbcClient jdbc;

    PartnerAgencies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isPartner(String code) {
        return code != null && jdbc.sql("select exists (select 1 from agency where code = ?)").param(code)
                .query(Boolean.class).single();
    }
}

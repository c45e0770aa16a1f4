package uk.safeguarding.connectors.lfb;

import java.util.List;
import uk.safeguarding.connectors.canonical.FeedRuns;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.file.CsvFileDrop;

/** The London Fire Brigade file drop: incident records and home fire safety visits. */
public class LfbFileDropRoute extends CsvFileDrop {

    private final LfbRowMapper mapper;

    public LfbFileDropRoute(LfbFeedProperties props, RecordGateway gateway, FeedRuns runs) {
        super(props, gateway, runs);
        this.mapper = new LfbRowMapper(props.feed(), props.agency());
    }

    @Override
    protected List<FileKind> kinds() {
        return List.of(new FileKind("LFB incident records", LfbRowMapper.INCIDENT_COLUMNS, mapper::incident,
                        List.of(new HeaderVersion("London Datastore LFB Incident data, PumpMinutesRounded",
                                LfbRowMapper.INCIDENT_COLUMNS_PUMP_MINUTES, java.util.Map.of()))),
                new FileKind("LFB home fire safety visits", LfbRowMapper.VISIT_COLUMNS, mapper::visit));
    }

    @Override
    public String feedName() {
        return "London Fire Brigade: incidents and home fire safety visits";
    }
}

package uk.safeguarding.connectors.housing;

import java.util.List;
import uk.safeguarding.connectors.canonical.FeedRuns;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.file.CsvFileDrop;

/** A housing provider's file drop: ASB complaints and tenancy events. */
public class HousingFileDropRoute extends CsvFileDrop {

    private final HousingRowMapper mapper;

    public HousingFileDropRoute(HousingFeedProperties props, RecordGateway gateway, FeedRuns runs) {
        super(props, gateway, runs);
        this.mapper = new HousingRowMapper(props.feed(), props.agency());
    }

    @Override
    protected List<FileKind> kinds() {
        return List.of(new FileKind("housing ASB complaints", HousingRowMapper.COMPLAINT_COLUMNS, mapper::complaint),
                new FileKind("housing tenancy events", HousingRowMapper.TENANCY_COLUMNS, mapper::tenancy));
    }

    @Override
    public String feedName() {
        return "Housing: ASB complaints and tenancy events";
    }
}

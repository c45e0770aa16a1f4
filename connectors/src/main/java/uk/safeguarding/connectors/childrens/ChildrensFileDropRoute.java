package uk.safeguarding.connectors.childrens;

import java.util.List;
import uk.safeguarding.connectors.canonical.FeedRuns;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.connectors.file.CsvFileDrop;

/**
 * Children's social care's file drop: Children in Need census returns (XML) and SSDA903 children looked
 * after returns (a header CSV and an episodes CSV), each with the children's names the council's export adds.
 */
public class ChildrensFileDropRoute extends CsvFileDrop {

    private final CinCensusReader cin;
    private final Ssda903RowMapper ssda903;

    public ChildrensFileDropRoute(ChildrensFeedProperties props, RecordGateway gateway, FeedRuns runs) {
        super(props, gateway, runs);
        this.cin = new CinCensusReader(props.feed(), props.agency());
        this.ssda903 = new Ssda903RowMapper(props.feed(), props.agency());
    }

    @Override
    protected String include() {
        return ".*\\.(xml|csv)";
    }

    /** SSDA903's two CSV files, told apart by their headers; any other CSV is quarantined whole. */
    @Override
    protected List<FileKind> kinds() {
        return List.of(new FileKind("SSDA903 header", Ssda903RowMapper.HEADER_COLUMNS, ssda903::header),
                new FileKind("SSDA903 episodes", Ssda903RowMapper.EPISODE_COLUMNS, ssda903::episode));
    }

    @Override
    public String feedName() {
        return "Children's social care: CIN census and SSDA903 children looked after";
    }

    @Override
    protected List<SourceRecord> readOther(String runId, String fileName, String text) {
        return cin.read(runId, fileName, text);
    }
}

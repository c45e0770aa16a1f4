package uk.safeguarding.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import uk.safeguarding.populations.LabelledRecords;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.simulators.SyntheticLondon;
import uk.safeguarding.hub.identity.matching.MatchModel;
import uk.safeguarding.hub.identity.matching.RecordLinkage.Thresholds;

/**
 * Writes the match weights the hub uses until it has trained on records of its own
 * ({@code hub/src/main/resources/identity/match-model.json}): EM on the person records of the synthetic
 * London, without the name frequencies (those of made-up names would mislead on real ones).
 * Usage: {@code java ... ShippedMatchModel [records] [file]}.
 */
public final class ShippedMatchModel {

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 50_000;
        Path out = Path.of(args.length > 1 ? args[1] : "hub/src/main/resources/identity/match-model.json");
        List<PersonRecord> people = new ArrayList<>();
        LabelledRecords.stream(7, n).forEach(l -> people.addAll(l.record().people()));
        MatchModel.Parameters p = MatchModel.train(people, Thresholds.DEFAULT).parameters();
        MatchModel.Parameters shipped = new MatchModel.Parameters(p.layout(), p.lambda(), p.m(), p.u(), Map.of(), Map.of(),
                p.lower(), p.upper());
        Files.createDirectories(out.getParent());
        Files.writeString(out, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(shipped) + "\n");
        System.out.printf("match weights from %,d person records written to %s%n", people.size(), out);
    }
}

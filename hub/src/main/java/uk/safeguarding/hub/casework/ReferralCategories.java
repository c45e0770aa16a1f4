package uk.safeguarding.hub.casework;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;

/**
 * The categories a referral may take (casework/referral-categories.csv): codes and the labels published
 * for them. A referral's category is one of these codes, never free text, so that nothing a referrer types
 * reaches the statistics, whose rows are these labels whatever the counts.
 */
public final class ReferralCategories {

    public record Category(String code, String label) {
    }

    /** In the file's order; the last is {@code other}. */
    public static final List<Category> ALL = read();

    private ReferralCategories() {
    }

    public static Optional<Category> find(String code) {
        return ALL.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    private static List<Category> read() {
        try (var in = new ClassPathResource("casework/referral-categories.csv").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.equals("code,label"))
                    .map(line -> line.split(",", 2)).map(p -> new Category(p[0].strip(), p[1].strip())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

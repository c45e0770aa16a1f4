package uk.safeguarding.hub.security;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.Resource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The demo users of the Keycloak realm file, read so that local mode issues the same identities. */
final class DemoUsers {

    record DemoUser(String username, String firstName, String lastName, String email, List<String> roles,
            String agency, List<String> boroughs) {
    }

    private final Map<String, DemoUser> users = new LinkedHashMap<>();

    DemoUsers(Resource realmFile) throws IOException {
        JsonNode realm;
        try (InputStream in = realmFile.getInputStream()) {
            realm = JsonMapper.builder().build().readTree(in);
        }
        for (JsonNode user : realm.path("users")) {
            if (user.hasNonNull("serviceAccountClientId")) {
                continue; // a client's service account (the hub's directory look-ups), not a person who signs in
            }
            JsonNode attributes = user.path("attributes");
            String agency = attributes.path("agency").path(0).asString(null);
            users.put(user.path("username").asString(), new DemoUser(user.path("username").asString(),
                    user.path("firstName").asString(null), user.path("lastName").asString(null),
                    user.path("email").asString(null), texts(user.path("realmRoles")), agency,
                    texts(attributes.path("boroughs"))));
        }
    }

    Optional<DemoUser> find(String username) {
        return Optional.ofNullable(users.get(username));
    }

    List<String> usernames() {
        return List.copyOf(users.keySet());
    }

    List<DemoUser> all() {
        return List.copyOf(users.values());
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}

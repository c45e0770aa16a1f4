package uk.safeguarding.hub.identity;

/** New match weights are in force ({@code match_model} row {@code modelId}), trained at {@code trainedBy}'s request. */
record MatchModelTrained(long modelId, String trainedBy) {
}

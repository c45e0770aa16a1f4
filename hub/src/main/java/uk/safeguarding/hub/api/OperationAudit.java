package uk.safeguarding.hub.api;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import java.util.concurrent.CompletableFuture;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;
import uk.safeguarding.hub.audit.AuditLog;
import uk.safeguarding.hub.audit.RequestAudit;

/**
 * One audit entry per query: every decision its fields make is noted in the request's audit, and the
 * one entry is written (group-committed with other requests') before the answer goes out. If it cannot
 * be written, the answer is replaced by an error: nothing is disclosed that is not recorded. Mutations
 * write their entries in their own transactions, so that an act and its record stand or fall together.
 */
@Component
class OperationAudit implements Instrumentation {

    private final AuditLog audit;

    OperationAudit(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        if (execution.getOperationDefinition().getOperation() == OperationDefinition.Operation.QUERY) {
            execution.getGraphQLContext().put(RequestAudit.class, RequestAudit.start());
        }
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        RequestAudit request = parameters.getEnvironment().getGraphQlContext().get(RequestAudit.class);
        if (request == null || parameters.isTrivialDataFetcher()) {
            return fetcher;
        }
        return env -> request.during(() -> fetcher.get(env));
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        RequestAudit request = parameters.getGraphQLContext().get(RequestAudit.class);
        if (request == null) {
            return CompletableFuture.completedFuture(result);
        }
        return request.close().map(entry -> audit.commit(entry).handle((written, failed) -> failed == null ? result
                : ExecutionResult.newExecutionResult().data(null).addError(GraphqlErrorBuilder.newError()
                        .errorType(ErrorType.INTERNAL_ERROR)
                        .message("The hub could not record this request in its audit log; nothing was disclosed.")
                        .build()).build()))
                .orElse(CompletableFuture.completedFuture(result));
    }
}

package dev.mlship.ci;

import java.io.IOException;

/** How a CI shows a job's results beyond its log: outputs for later steps, a summary, annotations. */
public interface JobOutputs {
    /** Hides a secret in the rest of the job's log, where the CI can. */
    default void mask(String secret) {}

    /** Something the reader should know that is not an error (skipped push or comment, and why). */
    void notice(String line);

    /** One failed quality gate, shown as an error annotation where the CI has them. */
    void gateFailed(String title, String line);

    /** Writes the job's outputs and summary. */
    void publish(JobResult result) throws IOException;
}

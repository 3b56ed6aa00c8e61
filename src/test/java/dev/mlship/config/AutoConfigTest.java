package dev.mlship.config;

import static dev.mlship.config.ConfigFixture.MINIMAL;
import static dev.mlship.config.ConfigFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `algorithm: auto` in mlship.yaml: its budget, and what it cannot be combined with, each error at its line. */
class AutoConfigTest {
    private static final String AUTO = MINIMAL.replace("algorithm: random_forest", "algorithm: auto");

    @TempDir
    Path dir;

    private String error(String yaml) {
        return ConfigFixture.error(dir, yaml);
    }

    @Test
    void autoLoadsWithItsDefaultBudgetOrAGivenOne() {
        Settings plain = ConfigFixture.load(dir, AUTO);
        assertThat(plain.spec().model().isAuto()).isTrue();
        assertThat(plain.spec().model().autoBudget().trialCount()).isEqualTo(ModelSpec.AutoSpec.DEFAULT_TRIALS);
        assertThat(plain.spec().model().autoBudget().maxSeconds()).isNull();

        Settings budget = ConfigFixture.load(dir, AUTO + "  auto: {trials: 30, max_seconds: 90}\n");
        assertThat(budget.spec().model().autoBudget()).isEqualTo(new ModelSpec.AutoSpec(30, 90.0));
        // auto does every task
        assertThat(ConfigFixture.load(dir, AUTO.replace("classification", "regression")).spec().model().isAuto()).isTrue();
    }

    @Test
    void aBudgetOfZeroOrLessIsRefusedAtItsLine() {
        String zero = AUTO + "  auto:\n    trials: 0\n";
        assertThat(error(zero)).endsWith(at(zero, "trials: 0") + ", model.auto.trials: must be an integer from 1 to 1000"
                + " (candidates to try), got 0");
        String negative = AUTO + "  auto: {trials: -4}\n";
        assertThat(error(negative)).endsWith(at(negative, "auto: {") + ", model.auto.trials: must be an integer from 1 to 1000"
                + " (candidates to try), got -4");
    }

    @Test
    void anImpossibleCapIsRefusedAtItsLine() {
        for (String cap : new String[] {"0", "-30", "0.5"}) {
            String yaml = AUTO + "  auto:\n    trials: 6\n    max_seconds: " + cap + "\n";
            assertThat(error(yaml)).as(cap).endsWith(at(yaml, "max_seconds:") + ", model.auto.max_seconds: must be a number of"
                    + " seconds from 1 to 604800, or left out for a search that depends on trials only, got " + cap);
        }
        String text = AUTO + "  auto: {max_seconds: soon}\n";
        assertThat(error(text)).contains(", model.auto.max_seconds: expected a number");
    }

    @Test
    void autoWithParamsOrASearchIsRefusedAtThatKey() {
        String params = AUTO + "  params: {trees: 50}\n";
        assertThat(error(params)).endsWith(at(params, "params:") + ", model.params: auto chooses the params itself; remove"
                + " model.params, or name an algorithm to fix them");
        String search = AUTO + "  search:\n    space: {trees: [50, 100]}\n";
        assertThat(error(search)).endsWith(at(search, "search:") + ", model.search: auto runs its own search (budget in"
                + " model.auto: {trials, max_seconds}); remove model.search, or name an algorithm to search its params");
    }

    @Test
    void aBudgetWithoutAutoIsRefused() {
        String yaml = MINIMAL + "  auto: {trials: 5}\n";
        assertThat(error(yaml)).endsWith(at(yaml, "auto:") + ", model.auto: is the budget of algorithm: auto; remove it or"
                + " set algorithm: auto");
    }

    @Test
    void unknownBudgetKeysNameTheAllowedOnes() {
        String yaml = AUTO + "  auto: {trails: 5}\n";
        assertThat(error(yaml)).contains("model.auto.trails: unknown key (did you mean trials?); allowed keys in model.auto:"
                + " trials, max_seconds");
    }
}

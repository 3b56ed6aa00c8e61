package dev.mlship.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlship.ExitCode;
import dev.mlship.MlshipException;
import org.junit.jupiter.api.Test;

class XGBoostNativeTest {
    @Test
    void loadsFromTheJarHere() {
        XGBoostNative.require();
    }

    @Test
    void aMissingOpenMpBecomesOneLineNamingTheCauseAndTheFix() {
        Throwable failure = new UnsatisfiedLinkError("/tmp/libxgboost4j123.so: libgomp.so.1: cannot open shared object file:"
                + " No such file or directory\nsecond line");

        MlshipException e = XGBoostNative.unavailable(new ExceptionInInitializerError(new RuntimeException(failure)));

        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.getMessage()).isEqualTo("algorithm xgboost: XGBoost's native library cannot be loaded (/tmp/libxgboost4j123.so:"
                + " libgomp.so.1: cannot open shared object file: No such file or directory); it needs Linux (glibc) or macOS on"
                + " x86_64 or aarch64, OpenMP (Debian: apt-get install libgomp1) and a writable temporary folder"
                + " (java.io.tmpdir); or choose another algorithm");
    }
}

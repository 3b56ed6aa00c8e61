package dev.mlship.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The `prepare` section: imputation, categorical encoding, scaling. */
public record PrepareSpec(ImputeSpec impute, Encoding encode, Scaling scale, Integer maxCategories) {
    public static final PrepareSpec DEFAULT = new PrepareSpec(null, null, null, null);

    public PrepareSpec {
        impute = impute == null ? ImputeSpec.DEFAULT : impute;
        encode = encode == null ? Encoding.ONEHOT : encode;
        scale = scale == null ? Scaling.STANDARD : scale;
    }

    /** How missing values are filled, per kind of column. */
    public record ImputeSpec(Strategy numeric, Strategy categorical, Double numericValue, String categoricalValue) {
        public static final ImputeSpec DEFAULT = new ImputeSpec(null, null, null, null);

        public ImputeSpec {
            numeric = numeric == null ? Strategy.MEDIAN : numeric;
            categorical = categorical == null ? Strategy.MOST_FREQUENT : categorical;
        }
    }

    public enum Strategy {
        MEAN,
        MEDIAN,
        MOST_FREQUENT,
        CONSTANT,
        /** Numeric only: keep NaN, for algorithms that learn where missing values go (xgboost). */
        NONE;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Encoding {
        ONEHOT;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Scaling {
        NONE,
        MINMAX,
        STANDARD;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}

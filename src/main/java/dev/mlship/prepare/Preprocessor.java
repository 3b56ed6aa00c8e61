package dev.mlship.prepare;

import dev.mlship.config.PrepareSpec;
import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.NumericColumn;
import dev.mlship.data.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fits imputation, one-hot encoding and scaling on the training rows only (no leakage from the test rows). */
public final class Preprocessor {
    private Preprocessor() {}

    public static FittedPreprocessor fit(Table train, List<String> features, PrepareSpec spec) {
        FittedImputer imputer = Imputer.fit(train, features, spec.impute());
        List<FittedOneHot> encoders = new ArrayList<>();
        Map<String, double[]> imputedNumeric = new LinkedHashMap<>();
        for (String name : features) {
            switch (Imputer.require(train, name)) {
                case NumericColumn c -> imputedNumeric.put(name, imputed(c, imputer));
                case CategoricalColumn c ->
                        encoders.add(OneHotEncoder.fit(c, imputer.categoricalFill().get(name), spec.maxCategories()));
            }
        }
        FittedScaler scaler = Scaler.fit(imputedNumeric, spec.scale());
        return new FittedPreprocessor(features, imputer, encoders, scaler);
    }

    private static double[] imputed(NumericColumn c, FittedImputer imputer) {
        double[] v = c.values().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = imputer.fill(c.name(), v[i]);
        }
        return v;
    }
}

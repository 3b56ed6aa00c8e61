package dev.mlship.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.json.JsonTemplate;
import dev.mlship.Version;
import dev.mlship.train.XGBoostNative;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.FunctionDescriptor;
import java.lang.classfile.ClassModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A native image reaches classes, fields, resources and native functions that are only named at run
 * time solely when they are registered. Each test derives what is needed from the compiled code or the
 * libraries and fails, naming the entry to add, when reachability-metadata.json or
 * quarkus.native.resources.includes falls behind.
 */
class NativeRegistrationsTest {
    /**
     * Places in mlship that use reflection, and why their targets are covered: a new place fails
     * {@link #reflectionIsUsedOnlyWhereItsTargetsAreChecked} until it is registered and listed here.
     */
    private static final Map<String, String> REFLECTION_SITES = Map.of(
            "dev.mlship.train.SmileInternals.read", "private Smile fields, checked by everyPrivateSmileFieldReadIsRegistered",
            "dev.mlship.train.XGBoostNative$Load.attempt", "XGBoost4J's JNI class, checked by xgboostsJniClassIsRegistered",
            "dev.mlship.train.XGBoostNative.preferInstalled", "XGBoost4J's loaded flag, checked by xgboostsLoadedFlagIsRegistered",
            "dev.mlship.config.YamlNames.keysOf", "config records, covered by the Jackson closure of PipelineSpec",
            "dev.mlship.config.YamlNames.keyOf", "config records, covered by the Jackson closure of PipelineSpec",
            "dev.mlship.config.YamlNames.id", "config enums' id(), covered by the Jackson closure of PipelineSpec",
            "dev.mlship.train.QuantileMatrix.of", "XGBoost's callbacks, checked by mlshipsOwnForeignCallsAreRegistered");

    private static final Set<String> REFLECTIVE_CLASS_METHODS = Set.of("forName", "getDeclaredField", "getDeclaredFields",
            "getField", "getFields", "getDeclaredMethod", "getDeclaredMethods", "getMethod", "getMethods",
            "getDeclaredConstructor", "getDeclaredConstructors", "getConstructor", "getConstructors", "getRecordComponents",
            "newInstance");

    private static List<ClassModel> mlship;
    private static Registrations registered;

    @BeforeAll
    static void read() {
        mlship = ClassFiles.read(ClassFiles.origin(Version.class), name -> name.startsWith("dev/mlship/"));
        registered = Registrations.load();
        assertThat(mlship).as("mlship's compiled classes").hasSizeGreaterThan(50);
    }

    @Test
    void everyTypeJacksonBindsIsRegisteredForReflection() {
        JacksonTypes jackson = JacksonTypes.of(mlship);

        assertThat(jackson.unresolved).as("Jackson call sites whose argument type the scan cannot tell").isEmpty();
        assertThat(jackson.required).as("found by the scan").contains("dev.mlship.config.PipelineSpec",
                "dev.mlship.report.MetricsJson", "dev.mlship.report.ModelCard", "dev.mlship.data.SchemaReport");
        assertThat(jackson.required.stream().filter(t -> !registered.fullyReflective(t)).toList())
                .as("types Jackson reads or writes that " + Registrations.METADATA
                        + " lacks (add each to \"reflection\" with allDeclaredFields, allDeclaredMethods, allDeclaredConstructors)")
                .isEmpty();
    }

    @Test
    void everyPrivateSmileFieldReadIsRegistered() {
        List<String> reads = new ArrayList<>();
        for (ClassModel c : mlship) {
            for (MethodBody body : MethodBody.of(c)) {
                for (int at = 0; at < body.instructions.size(); at++) {
                    if (body.instructions.get(at) instanceof InvokeInstruction call
                            && call.owner().asInternalName().equals("dev/mlship/train/SmileInternals")
                            && (call.name().equalsString("readDouble") || call.name().equalsString("readObject"))
                            && !body.where().contains("SmileInternals.read")) {
                        // read*(Type.class, "field", target): the two constants precede the target's load.
                        Optional<ClassDesc> type = body.classConstant(at - 3);
                        Optional<String> field = body.stringConstant(at - 2);
                        assertThat(type.isPresent() && field.isPresent())
                                .as(body.where() + " must call readDouble / readObject with a class and a field name as constants")
                                .isTrue();
                        reads.add(JacksonTypes.load(type.get()).getName() + "." + field.get());
                    }
                }
            }
        }

        assertThat(reads).as("the scan finds SmileInternals' reads").contains("smile.model.cart.OrdinalNode.value",
                "smile.classification.GradientTreeBoost.b", "smile.regression.GradientTreeBoost.shrinkage",
                "smile.model.mlp.MultilayerPerceptron.net", "smile.classification.OneVersusOne.platt");
        assertThat(reads.stream().filter(r -> {
            int dot = r.lastIndexOf('.');
            return !registered.fieldReflective(r.substring(0, dot), r.substring(dot + 1));
        }).toList()).as("private fields read by SmileInternals that " + Registrations.METADATA + " does not list").isEmpty();
    }

    @Test
    void reflectionIsUsedOnlyWhereItsTargetsAreChecked() {
        Set<String> unchecked = new TreeSet<>();
        for (ClassModel c : mlship) {
            for (MethodBody body : MethodBody.of(c)) {
                for (Instruction insn : body.instructions) {
                    if (insn instanceof InvokeInstruction call && isReflective(call) && !REFLECTION_SITES.containsKey(body.where())) {
                        unchecked.add(body.where() + " calls " + call.owner().asInternalName() + "." + call.name().stringValue());
                    }
                }
            }
        }

        assertThat(unchecked).as("reflection whose targets no registration check covers: register the targets in "
                + Registrations.METADATA + " and teach this test where they come from").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void mlshipsOwnForeignCallsAreRegistered() throws ReflectiveOperationException {
        String quantile = "dev.mlship.train.QuantileMatrix";
        List<FunctionDescriptor> down = new ArrayList<>(((Map<String, FunctionDescriptor>) constant(quantile, "DOWNCALLS")).values());
        down.add((FunctionDescriptor) constant("dev.mlship.train.XGBoostNative", "SETENV"));
        List<FunctionDescriptor> up = List.of((FunctionDescriptor) constant(quantile, "NEXT"),
                (FunctionDescriptor) constant(quantile, "RESET"));

        assertThat(down.stream().map(SmileDowncalls.Downcall::of).filter(d -> !registered.downcalls.contains(d)).toList())
                .as("mlship's downcall signatures missing from \"foreign\".\"downcalls\" in " + Registrations.METADATA).isEmpty();
        assertThat(up.stream().map(SmileDowncalls.Downcall::of).filter(d -> !registered.upcalls.contains(d)).toList())
                .as("mlship's upcall signatures missing from \"foreign\".\"upcalls\" in " + Registrations.METADATA).isEmpty();
        // The callbacks are bound with Lookup.findVirtual(Type.class, "name", ...): the nearest constants before the call.
        List<String> bound = new ArrayList<>();
        for (ClassModel c : mlship) {
            for (MethodBody body : MethodBody.of(c)) {
                if (!body.where().equals(quantile + ".of")) {
                    continue;
                }
                for (int at = 0; at < body.instructions.size(); at++) {
                    if (body.instructions.get(at) instanceof InvokeInstruction call && call.name().equalsString("findVirtual")) {
                        int name = at - 1;
                        while (body.stringConstant(name).isEmpty()) {
                            name--;
                        }
                        bound.add(JacksonTypes.load(body.classConstant(name - 1).orElseThrow()).getName() + "."
                                + body.stringConstant(name).orElseThrow());
                    }
                }
            }
        }
        assertThat(bound).containsExactlyInAnyOrder(quantile + "$Blocks.next", quantile + "$Blocks.reset");
        assertThat(bound.stream().filter(b -> {
            int dot = b.lastIndexOf('.');
            return !registered.methodReflective(b.substring(0, dot), b.substring(dot + 1));
        }).toList()).as("methods bound as callbacks missing from \"reflection\" in " + Registrations.METADATA).isEmpty();
    }

    private static Object constant(String type, String field) throws ReflectiveOperationException {
        java.lang.reflect.Field f = Class.forName(type).getDeclaredField(field);
        f.setAccessible(true);
        return f.get(null);
    }

    @Test
    void xgboostsJniClassIsRegistered() {
        assertThat(registered.jni).as("XGBoost4J's native methods in the \"jni\" section of " + Registrations.METADATA)
                .containsKey(ml.dmlc.xgboost4j.java.XGBoostJNI.class.getName());
        assertThat(registered.fullyReflective(ml.dmlc.xgboost4j.java.XGBoostJNI.class.getName())
                || registered.reflection.containsKey(ml.dmlc.xgboost4j.java.XGBoostJNI.class.getName()))
                .as("XGBoostJNI, loaded by name, in \"reflection\"").isTrue();
    }

    @Test
    void xgboostsLoadedFlagIsRegistered() throws ReflectiveOperationException {
        Class.forName(XGBoostNative.LOADER_CLASS, false, getClass().getClassLoader()).getDeclaredField(XGBoostNative.LOADED_FLAG);
        assertThat(registered.fieldReflective(XGBoostNative.LOADER_CLASS, XGBoostNative.LOADED_FLAG))
                .as(XGBoostNative.LOADER_CLASS + "." + XGBoostNative.LOADED_FLAG + " in \"reflection\"").isTrue();
    }

    @Test
    void everyJibJsonTemplateIsRegisteredForReflection() throws ClassNotFoundException {
        List<String> templates = new ArrayList<>();
        for (ClassModel c : ClassFiles.read(ClassFiles.origin(JsonTemplate.class), name -> true)) {
            Class<?> type = Class.forName(ClassFiles.binaryName(c), false, getClass().getClassLoader());
            if (JsonTemplate.class.isAssignableFrom(type)
                    || com.fasterxml.jackson.databind.JsonSerializer.class.isAssignableFrom(type)
                    || com.fasterxml.jackson.databind.JsonDeserializer.class.isAssignableFrom(type)) {
                templates.add(type.getName());
            }
        }

        assertThat(templates).as("Jib's templates found").contains("com.google.cloud.tools.jib.image.json.OciManifestTemplate",
                "com.google.cloud.tools.jib.registry.json.ErrorResponseTemplate");
        assertThat(templates.stream().filter(t -> !registered.fullyReflective(t)).toList())
                .as("Jib JSON templates (read and written by Jackson through their fields) missing from " + Registrations.METADATA)
                .isEmpty();
    }

    @Test
    void everyClassOnnxRuntimesJniLibraryLooksUpIsRegisteredForJni() throws IOException {
        Set<String> named = new TreeSet<>();
        try (InputStream in = ai.onnxruntime.OrtEnvironment.class.getResourceAsStream(
                "/ai/onnxruntime/native/linux-x64/libonnxruntime4j_jni.so")) {
            assertThat(in).as("ONNX Runtime's JNI library in its jar").isNotNull();
            for (String text : printableRuns(in.readAllBytes())) {
                Matcher m = Pattern.compile("ai/onnxruntime/[A-Za-z0-9_$]+").matcher(text);
                while (m.find()) {
                    named.add(m.group().replace('/', '.'));
                }
                if (text.matches("java/[a-z]+/[A-Za-z0-9_$/]+")) {
                    named.add(text.replace('/', '.'));
                }
            }
        }

        assertThat(named).as("classes named in the JNI library").contains("ai.onnxruntime.OnnxTensor", "ai.onnxruntime.OrtException");
        assertThat(named.stream().filter(n -> !registered.jni.containsKey(n)).toList())
                .as("classes ONNX Runtime's native code finds by name that the \"jni\" section of " + Registrations.METADATA + " lacks")
                .isEmpty();
    }

    @Test
    void everyBlasAndLapackFunctionSmileCallsHasItsDowncallRegistered() {
        SmileDowncalls smile = SmileDowncalls.of(List.of(ClassFiles.origin(smile.tensor.DenseMatrix.class),
                ClassFiles.origin(smile.regression.OLS.class)));

        assertThat(smile.unreadable).isEmpty();
        assertThat(smile.byFunction).as("functions behind OLS, ridge, lasso and SVD")
                .containsKeys("cblas_dgemm", "cblas_dgemv", "dgesdd_", "dgeqrf_", "dormqr_", "dtrtrs_", "dpotrf_");
        Set<SmileDowncalls.Downcall> missing = new TreeSet<>(smile.distinct());
        missing.removeAll(registered.downcalls);
        assertThat(missing).as("foreign downcall descriptors Smile uses that \"foreign\".\"downcalls\" in "
                + Registrations.METADATA + " lacks").isEmpty();
    }

    @Test
    void everyResourceTheCodeLoadsGoesIntoTheNativeImage() throws IOException {
        List<String> loaded = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (ClassModel c : mlship) {
            for (MethodBody body : MethodBody.of(c)) {
                for (int at = 0; at < body.instructions.size(); at++) {
                    if (body.instructions.get(at) instanceof InvokeInstruction call && isResourceLookup(call)) {
                        Optional<String> name = body.stringConstant(at - 1);
                        if (name.isEmpty()) {
                            unknown.add(body.where());
                            continue;
                        }
                        ClassDesc base = body.classConstant(at - 2).orElse(c.thisClass().asSymbol());
                        loaded.add(resolve(call, base, name.get()));
                    }
                }
            }
        }
        // ONNX Runtime extracts its libraries from its jar unless told where they are on disk.
        try (JarFile ort = new JarFile(ClassFiles.origin(ai.onnxruntime.OrtEnvironment.class).toFile())) {
            ort.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("ai/onnxruntime/native/linux-x64/") && n.endsWith(".so"))
                    .forEach(loaded::add);
        }
        loaded.add("mlship.schema.json");

        assertThat(unknown).as("resource lookups whose name is not a constant").isEmpty();
        assertThat(loaded).as("resources found").contains("mlship-version.properties",
                "ai/onnxruntime/native/linux-x64/libonnxruntime.so");
        assertThat(loaded.stream().filter(r -> !registered.includesResource(r)).toList())
                .as("resources missing from quarkus.native.resources.includes in application.properties").isEmpty();
    }

    @Test
    void everyRegisteredTypeExists() {
        List<String> absent = new ArrayList<>();
        for (String type : registered.reflection.keySet()) {
            exists(type, absent);
        }
        for (String type : registered.jni.keySet()) {
            exists(type, absent);
        }
        assertThat(absent).as("registered types that are not on the classpath (renamed or removed?)").isEmpty();
    }

    private void exists(String type, List<String> absent) {
        try {
            Class.forName(type, false, getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            absent.add(type);
        }
    }

    private static boolean isReflective(InvokeInstruction call) {
        String owner = call.owner().asInternalName();
        return (owner.equals("java/lang/Class") && REFLECTIVE_CLASS_METHODS.contains(call.name().stringValue()))
                || owner.startsWith("java/lang/reflect/")
                || (owner.equals("java/lang/invoke/MethodHandles$Lookup") && call.name().stringValue().startsWith("find"));
    }

    private static boolean isResourceLookup(InvokeInstruction call) {
        String owner = call.owner().asInternalName();
        return (owner.equals("java/lang/Class") || owner.equals("java/lang/ClassLoader"))
                && call.name().stringValue().startsWith("getResource");
    }

    /** Class.getResource resolves a relative name against the class's package; ClassLoader's never. */
    private static String resolve(InvokeInstruction call, ClassDesc base, String name) {
        if (name.startsWith("/")) {
            return name.substring(1);
        }
        if (call.owner().asInternalName().equals("java/lang/ClassLoader")) {
            return name;
        }
        String pkg = base.packageName().replace('.', '/');
        return pkg.isEmpty() ? name : pkg + "/" + name;
    }

    private static List<String> printableRuns(byte[] bytes) {
        List<String> runs = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= bytes.length; i++) {
            boolean printable = i < bytes.length && bytes[i] >= 0x20 && bytes[i] < 0x7f;
            if (printable && start < 0) {
                start = i;
            } else if (!printable && start >= 0) {
                if (i - start >= 4) {
                    runs.add(new String(bytes, start, i - start, StandardCharsets.US_ASCII));
                }
                start = -1;
            }
        }
        return runs;
    }
}

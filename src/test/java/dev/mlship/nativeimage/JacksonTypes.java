package dev.mlship.nativeimage;

import java.lang.classfile.ClassModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The classes that Jackson reads or writes by reflection in mlship: found from the call sites in the
 * compiled code (values handed to a mapper or to {@code Json.bytes}, {@code X.class} handed to a
 * reader or a mix-in, {@code TypeReference} subclasses), then every type reachable through record
 * components, fields and type arguments. JDK and Jackson types need no registration of ours.
 */
final class JacksonTypes {
    /** Calls whose last argument is an object that Jackson walks by reflection. */
    private static final Set<String> WRITES = Set.of("writeValueAsString", "writeValueAsBytes", "writeValue", "valueToTree");

    final Set<String> required = new TreeSet<>();
    /** Call sites whose argument's type this scan cannot tell: a reviewer must look at them. */
    final List<String> unresolved = new ArrayList<>();

    static JacksonTypes of(List<ClassModel> classes) {
        JacksonTypes found = new JacksonTypes();
        for (ClassModel c : classes) {
            for (MethodBody body : MethodBody.of(c)) {
                found.scan(body);
            }
        }
        return found;
    }

    private void scan(MethodBody body) {
        for (int at = 0; at < body.instructions.size(); at++) {
            Instruction insn = body.instructions.get(at);
            if (!(insn instanceof InvokeInstruction call) || !isJacksonEntry(call)) {
                continue;
            }
            MethodTypeDesc type = call.typeSymbol();
            // X.class arguments sit right before the call (readerFor(X.class), addMixIn(A.class, B.class)).
            for (int back = at - 1; body.classConstant(back).isPresent(); back--) {
                addClosure(load(body.classConstant(back).get()));
            }
            if (type.parameterCount() == 0) {
                continue;
            }
            ClassDesc last = type.parameterType(type.parameterCount() - 1);
            String name = call.name().stringValue();
            if (last.descriptorString().equals("Lcom/fasterxml/jackson/core/type/TypeReference;")) {
                body.producedBy(at - 1).ifPresentOrElse(p -> addTypeReference(p, body),
                        () -> unresolved.add(body.where() + " " + name));
            } else if (last.descriptorString().equals("Ljava/lang/Object;") && (WRITES.contains(name) || isJsonBytes(call))) {
                body.producedBy(at - 1).ifPresentOrElse(this::addProduced, () -> unresolved.add(body.where() + " " + name));
            }
        }
    }

    private static boolean isJacksonEntry(InvokeInstruction call) {
        String owner = call.owner().asInternalName();
        return owner.startsWith("com/fasterxml/jackson/databind/") || owner.startsWith("tools/jackson/databind/")
                || isJsonBytes(call);
    }

    private static boolean isJsonBytes(InvokeInstruction call) {
        return call.owner().asInternalName().equals("dev/mlship/report/Json") && call.name().equalsString("bytes");
    }

    private void addTypeReference(MethodBody.Produced produced, MethodBody body) {
        if (produced instanceof MethodBody.Produced.Type(ClassDesc d)) {
            Class<?> reference = load(d);
            if (reference.getGenericSuperclass() instanceof ParameterizedType p) {
                addClosure(p.getActualTypeArguments()[0]);
                return;
            }
        }
        unresolved.add(body.where() + " TypeReference");
    }

    private void addProduced(MethodBody.Produced produced) {
        switch (produced) {
            case MethodBody.Produced.Type(ClassDesc d) -> {
                if (!d.isPrimitive()) {
                    addClosure(load(d));
                }
            }
            case MethodBody.Produced.Returned(InvokeInstruction call) -> addClosure(genericReturnType(call));
        }
    }

    private static Type genericReturnType(InvokeInstruction call) {
        Class<?> owner = load(call.owner().asSymbol());
        MethodTypeDesc type = call.typeSymbol();
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(call.name().stringValue()) && descriptor(m).equals(type.descriptorString())) {
                    return m.getGenericReturnType();
                }
            }
        }
        return load(type.returnType());
    }

    private static String descriptor(Method m) {
        return MethodTypeDesc.of(m.getReturnType().describeConstable().orElseThrow(),
                        Arrays.stream(m.getParameterTypes()).map(p -> p.describeConstable().orElseThrow()).toArray(ClassDesc[]::new))
                .descriptorString();
    }

    private void addClosure(Type type) {
        switch (type) {
            case Class<?> c when c.isArray() -> addClosure(c.getComponentType());
            case Class<?> c -> addClass(c);
            case ParameterizedType p -> {
                addClosure(p.getRawType());
                for (Type arg : p.getActualTypeArguments()) {
                    addClosure(arg);
                }
            }
            case GenericArrayType a -> addClosure(a.getGenericComponentType());
            case WildcardType w -> Arrays.stream(w.getUpperBounds()).forEach(this::addClosure);
            case TypeVariable<?> v -> Arrays.stream(v.getBounds()).forEach(this::addClosure);
            default -> throw new IllegalArgumentException("unexpected type " + type);
        }
    }

    private void addClass(Class<?> c) {
        if (c.isPrimitive() || needsNoRegistration(c.getName()) || !required.add(c.getName())) {
            return;
        }
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                addClosure(rc.getGenericType());
            }
        } else if (!c.isEnum() && !c.isInterface()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    addClosure(f.getGenericType());
                }
            }
        }
    }

    private static boolean needsNoRegistration(String name) {
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("com.fasterxml.jackson.") || name.startsWith("tools.jackson.");
    }

    static Class<?> load(ClassDesc d) {
        try {
            if (d.isArray()) {
                return load(d.componentType()).arrayType();
            }
            if (d.isPrimitive()) {
                return switch (d.descriptorString()) {
                    case "Z" -> boolean.class;
                    case "B" -> byte.class;
                    case "C" -> char.class;
                    case "S" -> short.class;
                    case "I" -> int.class;
                    case "J" -> long.class;
                    case "F" -> float.class;
                    case "D" -> double.class;
                    default -> void.class;
                };
            }
            String internal = d.descriptorString().substring(1, d.descriptorString().length() - 1);
            return Class.forName(internal.replace('/', '.'), false, JacksonTypes.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.mlship.nativeimage;

import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.LocalVariable;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instructions of one method with just enough data flow to answer "which static type does the
 * value just pushed have?" for the straight-line code a call's argument is usually built by.
 */
final class MethodBody {
    final ClassModel owner;
    final MethodModel method;
    final List<Instruction> instructions = new ArrayList<>();
    private final Map<Label, Integer> labels = new HashMap<>();
    private final List<LocalVariable> locals = new ArrayList<>();

    private MethodBody(ClassModel owner, MethodModel method, CodeModel code) {
        this.owner = owner;
        this.method = method;
        for (CodeElement e : code) {
            switch (e) {
                case LabelTarget t -> labels.put(t.label(), instructions.size());
                case LocalVariable v -> locals.add(v);
                case Instruction i -> instructions.add(i);
                default -> { }
            }
        }
    }

    static List<MethodBody> of(ClassModel model) {
        List<MethodBody> bodies = new ArrayList<>();
        for (MethodModel m : model.methods()) {
            m.code().ifPresent(code -> bodies.add(new MethodBody(model, m, code)));
        }
        return bodies;
    }

    String where() {
        return ClassFiles.binaryName(owner) + "." + method.methodName().stringValue();
    }

    /** The class constant loaded by instruction {@code at}, if it is an {@code ldc X.class}. */
    Optional<ClassDesc> classConstant(int at) {
        if (at >= 0 && instructions.get(at) instanceof ConstantInstruction c && c.constantValue() instanceof ClassDesc d) {
            return Optional.of(d);
        }
        return Optional.empty();
    }

    /** The string constant loaded by instruction {@code at}, if it is an {@code ldc "text"}. */
    Optional<String> stringConstant(int at) {
        if (at >= 0 && instructions.get(at) instanceof ConstantInstruction c && c.constantValue() instanceof String s) {
            return Optional.of(s);
        }
        return Optional.empty();
    }

    /**
     * The static type of the value instruction {@code at} leaves on the stack: a method's return value,
     * a field, a local variable (from the debug table javac writes by default), a cast, a class
     * constant, or the object a constructor call just initialised. Empty when it cannot tell.
     */
    Optional<Produced> producedBy(int at) {
        if (at < 0) {
            return Optional.empty();
        }
        return switch (instructions.get(at)) {
            case InvokeInstruction i when i.name().equalsString("<init>") -> Optional.of(new Produced.Type(i.owner().asSymbol()));
            case InvokeInstruction i -> Optional.of(new Produced.Returned(i));
            case FieldInstruction f -> Optional.of(new Produced.Type(f.typeSymbol()));
            case TypeCheckInstruction t -> Optional.of(new Produced.Type(t.type().asSymbol()));
            case ConstantInstruction c when c.constantValue() instanceof ClassDesc -> Optional.of(new Produced.Type(ClassDesc.of("java.lang.Class")));
            case LoadInstruction l -> local(l.slot(), at).map(v -> new Produced.Type(v.typeSymbol()));
            default -> Optional.empty();
        };
    }

    private Optional<LocalVariable> local(int slot, int at) {
        return locals.stream()
                .filter(v -> v.slot() == slot && labels.get(v.startScope()) <= at && at < labels.get(v.endScope()))
                .findFirst();
    }

    /** What a value on the stack is known to be. */
    sealed interface Produced {
        /** An erased type. */
        record Type(ClassDesc type) implements Produced {}

        /** The return value of a call: its generic type is known from the called method. */
        record Returned(InvokeInstruction call) implements Produced {}
    }
}

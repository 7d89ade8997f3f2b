using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace Sift.Tests.Architecture;

/// <summary>One use of <see cref="Target"/> by <see cref="Source"/>, at <see cref="Site"/> (e.g. "body of Run").</summary>
internal sealed record TypeEdge(Type Source, Type Target, string Site);

/// <summary>
/// Every type a compiled type uses: base type, interfaces, generic constraints and arguments,
/// custom attributes (and their typeof arguments), fields, properties, events, method signatures,
/// locals, catch clauses, and every type, method or field token in the method bodies' IL. Nested
/// and compiler-generated types (closures of lambdas, iterators, async state machines) are scanned
/// as types of their own; <see cref="UserType"/> names the type they belong to.
/// </summary>
internal static class DependencyScanner
{
    private const BindingFlags All = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    private static readonly OpCode[] OneByte = new OpCode[0x100];
    private static readonly OpCode[] TwoByte = new OpCode[0x100];

#pragma warning disable CA1810 // the opcode tables are built from OpCodes' fields once
    static DependencyScanner()
#pragma warning restore CA1810
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is not OpCode op) continue;
            ushort value = unchecked((ushort)op.Value);
            if (op.Size == 1) OneByte[value] = op;
            else TwoByte[value & 0xFF] = op;
        }
    }

    /// <summary>
    /// The uses of types accepted by <paramref name="interesting"/> by <paramref name="types"/>;
    /// <paramref name="failures"/> gets every token or member that could not be resolved (the caller
    /// should assert there are none, so nothing is skipped silently).
    /// </summary>
    public static List<TypeEdge> Scan(IEnumerable<Type> types, Func<Type, bool> interesting, List<string> failures)
    {
        var edges = new List<TypeEdge>();
        foreach (var type in types)
        {
            void Use(Type? t, string site) => AddType(t, site, type, interesting, edges, 0);

            Use(type.BaseType, "base type");
            var inherited = type.BaseType?.GetInterfaces() ?? [];
            foreach (var i in type.GetInterfaces().Except(inherited)) Use(i, "interface");
            if (type.IsGenericTypeDefinition)
                foreach (var p in type.GetGenericArguments())
                    foreach (var c in p.GetGenericParameterConstraints()) Use(c, "generic constraint");
            Attributes(type.GetCustomAttributesData(), "attribute", Use);

            foreach (var f in type.GetFields(All))
            {
                Use(f.FieldType, $"field {f.Name}");
                Attributes(f.GetCustomAttributesData(), $"attribute of field {f.Name}", Use);
            }
            foreach (var p in type.GetProperties(All))
            {
                Use(p.PropertyType, $"property {p.Name}");
                foreach (var ip in p.GetIndexParameters()) Use(ip.ParameterType, $"indexer {p.Name}");
                Attributes(p.GetCustomAttributesData(), $"attribute of property {p.Name}", Use);
            }
            foreach (var e in type.GetEvents(All))
                Use(e.EventHandlerType, $"event {e.Name}");

            var methods = type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All));
            foreach (var m in methods)
            {
                string name = m.Name;
                if (m is MethodInfo mi)
                {
                    Use(mi.ReturnType, $"signature of {name}");
                    Attributes(mi.ReturnParameter.GetCustomAttributesData(), $"return attribute of {name}", Use);
                }
                if (m.IsGenericMethodDefinition)
                    foreach (var p in m.GetGenericArguments())
                        foreach (var c in p.GetGenericParameterConstraints()) Use(c, $"generic constraint of {name}");
                foreach (var p in m.GetParameters())
                {
                    Use(p.ParameterType, $"signature of {name}");
                    Attributes(p.GetCustomAttributesData(), $"parameter attribute of {name}", Use);
                }
                Attributes(m.GetCustomAttributesData(), $"attribute of {name}", Use);
                Body(m, type, Use, failures);
            }
        }
        return edges;
    }

    /// <summary>The type a (possibly compiler-generated, nested) type belongs to in source.</summary>
    public static Type UserType(Type t)
    {
        while (t.DeclaringType is not null && IsCompilerGenerated(t)) t = t.DeclaringType;
        return t;
    }

    public static bool IsCompilerGenerated(Type t) =>
        t.Name.Contains('<', StringComparison.Ordinal) || t.IsDefined(typeof(CompilerGeneratedAttribute), false);

    private static void Body(MethodBase m, Type owner, Action<Type?, string> use, List<string> failures)
    {
        MethodBody? body;
        try { body = m.GetMethodBody(); }
        catch (InvalidOperationException ex) { failures.Add($"{owner.FullName}.{m.Name}: no body ({ex.Message})"); return; }
        if (body is null) return;
        string site = $"body of {m.Name}";
        foreach (var local in body.LocalVariables) use(local.LocalType, site);
        foreach (var clause in body.ExceptionHandlingClauses)
            if (clause.Flags == ExceptionHandlingClauseOptions.Clause) use(clause.CatchType, site);

        var il = body.GetILAsByteArray();
        if (il is null) return;
        var typeArgs = owner.IsGenericType ? owner.GetGenericArguments() : null;
        var methodArgs = m is MethodInfo { IsGenericMethod: true } ? m.GetGenericArguments() : null;
        var module = m.Module;
        int pos = 0;
        while (pos < il.Length)
        {
            int at = pos;
            OpCode op;
            byte b = il[pos++];
            if (b == 0xFE)
            {
                if (pos >= il.Length) { failures.Add($"{owner.FullName}.{m.Name}: IL ends inside an opcode at {at}"); return; }
                op = TwoByte[il[pos++]];
            }
            else op = OneByte[b];
            if (op.Size == 0) { failures.Add($"{owner.FullName}.{m.Name}: unknown opcode 0x{b:X2} at IL_{at:X4}"); return; }

            switch (op.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    pos += 1;
                    break;
                case OperandType.InlineVar:
                    pos += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    pos += 8;
                    break;
                case OperandType.InlineSwitch:
                    int count = BitConverter.ToInt32(il, pos);
                    pos += 4 + 4 * count;
                    break;
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    int token = BitConverter.ToInt32(il, pos);
                    pos += 4;
                    try
                    {
                        switch (module.ResolveMember(token, typeArgs, methodArgs))
                        {
                            case Type t:
                                use(t, site);
                                break;
                            case MethodBase called:
                                use(called.DeclaringType, site);
                                if (called is MethodInfo { IsGenericMethod: true } generic)
                                    foreach (var a in generic.GetGenericArguments()) use(a, site);
                                break;
                            case FieldInfo field:
                                use(field.DeclaringType, site);
                                break;
                            case var other:
                                failures.Add($"{owner.FullName}.{m.Name} IL_{at:X4}: token 0x{token:X8} resolved to {other?.GetType().Name ?? "null"}");
                                break;
                        }
                    }
                    catch (Exception ex) when (ex is ArgumentException or BadImageFormatException or TypeLoadException or MissingMemberException or FileNotFoundException)
                    {
                        failures.Add($"{owner.FullName}.{m.Name} IL_{at:X4} ({op.Name}): token 0x{token:X8} not resolved: {ex.GetType().Name}: {ex.Message}");
                    }
                    break;
                default: // InlineBrTarget, InlineI, InlineSig (calli: primitive signatures), InlineString, ShortInlineR
                    pos += 4;
                    break;
            }
        }
    }

    private static void Attributes(IList<CustomAttributeData> attributes, string site, Action<Type?, string> use)
    {
        foreach (var a in attributes)
        {
            use(a.AttributeType, site);
            foreach (var arg in a.ConstructorArguments.Concat(a.NamedArguments.Select(n => n.TypedValue)))
                Argument(arg, site, use);
        }
    }

    private static void Argument(CustomAttributeTypedArgument arg, string site, Action<Type?, string> use)
    {
        use(arg.ArgumentType, site);
        switch (arg.Value)
        {
            case Type t:
                use(t, site);
                break;
            case IEnumerable<CustomAttributeTypedArgument> items:
                foreach (var item in items) Argument(item, site, use);
                break;
        }
    }

    private static void AddType(Type? t, string site, Type source, Func<Type, bool> interesting, List<TypeEdge> edges, int depth)
    {
        if (t is null || depth > 32) return;
        if (t.HasElementType) { AddType(t.GetElementType(), site, source, interesting, edges, depth + 1); return; }
        if (t.IsGenericParameter) return;
        if (t.IsFunctionPointer)
        {
            AddType(t.GetFunctionPointerReturnType(), site, source, interesting, edges, depth + 1);
            foreach (var p in t.GetFunctionPointerParameterTypes()) AddType(p, site, source, interesting, edges, depth + 1);
            return;
        }
        if (t.IsGenericType && !t.IsGenericTypeDefinition)
        {
            foreach (var a in t.GetGenericArguments()) AddType(a, site, source, interesting, edges, depth + 1);
            t = t.GetGenericTypeDefinition();
        }
        if (interesting(t)) edges.Add(new TypeEdge(source, t, site));
    }
}

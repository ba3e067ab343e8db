#!/usr/bin/env python3
"""Static check of the Julia binding (examples/julia/Vosia.jl) against the C header
(include/vosia.h), for machines without Julia.

    python3 tests/julia/check_names.py [VOSIA_JL] [--header VOSIA_H]

Checks, for every `ccall((:name, lib), RetType, (ArgTypes...), args...)` in the Julia file
(comments and string literals skipped):
  (a) `name` is a function vosia.h declares;
  (b) the number of argument types equals the number of C parameters, and the number of
      arguments passed equals the number of argument types;
  (c) every Julia type is one that passes the C type correctly:
        int32_t, vosia_status   Int32, Cint
        int64_t                 Int64
        size_t                  Csize_t
        double                  Cdouble, Float64
        void (return)           Cvoid, Nothing
        const char *            Cstring, Ptr{UInt8}, Ptr{Cchar}
        char * (a buffer)       Ptr{UInt8}, Ptr{Cchar}
        T * (T a number)        Ptr{J}, Ref{J} with J the Julia type of T (Ref not as return)
        const char **           Ref or Ptr of Cstring, Ptr{UInt8}, Ptr{Cchar}
        handle *, void *,
        a function pointer      Ptr{Cvoid}, Ptr{Nothing}
        handle **               Ref{Ptr{Cvoid}}, Ptr{Ptr{Cvoid}}
      and every `@cfunction(f, Ret, (Args...))` matches a function-pointer typedef of the
      header (vosia_progress_fn);
  (d) every constant `const NAME = value` whose name is upper case (NAME or VOSIA_NAME)
      stands for the header macro VOSIA_NAME and has its value. vosia.h defines constants as
      object-like macros, `#define VOSIA_X value`: integer literals, a string literal
      (VOSIA_VERSION_STRING) and integer expressions over other VOSIA_ macros
      (VOSIA_VERSION_NUMBER), which are evaluated here; function-like macros
      (VOSIA_AT_LEAST_VERSION, VOSIA_DEPRECATED) and the include guard are not constants. A
      Julia upper-case constant with a literal value but no VOSIA_ macro is an error (it
      was renamed or removed); one with another value (a Dict, a tuple) is not a mirror and
      is left alone. A Julia value may be an integer literal (decimal, 0x, 0b, 0o, `_`
      separators, a leading minus), the same wrapped in Int32/Cint/Int64/UInt32/...(),
      or a string literal (also v"...").
`@ccall` and a ccall whose function is not a literal `(:name, lib)` cannot be checked and
are errors.

Prints one summary line and exits 0 when everything agrees; otherwise prints one line per
problem (FILE:LINE: ...) and a summary on stderr and exits 1 (2 for unusable input).
"""

import argparse
import ast
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

# ----------------------------------------------------------------------------- header


class Header:
    def __init__(self, path):
        self.path = path
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.functions = {}  # name -> (ret CType, [CType], prototype text)
        self.fnptrs = {}  # typedef name -> (ret CType, [CType])
        self.aliases = {}  # typedef name -> base scalar name
        self.opaque = set()  # opaque struct typedefs (handles)
        self.macros = {}  # VOSIA_X -> int or str, or None when it cannot be evaluated
        self._read_macros(text)
        self._read_declarations(strip_c_comments(text))

    # Object-like macros: `#define NAME value`. A function-like macro has `(` right after the
    # name. A macro defined twice (under #if) with different values is ambiguous (None).
    def _read_macros(self, text):
        raw = {}
        for line in strip_c_comments(text).splitlines():
            m = re.match(r"\s*#\s*define\s+(VOSIA_\w+)(.*)$", line)
            if not m or m.group(2).startswith("("):
                continue
            name, value = m.group(1), m.group(2).strip()
            if not value:
                continue  # include guard
            if name in raw and raw[name] != value:
                raw[name] = None
            else:
                raw[name] = value
        cache = {}

        def value_of(name, stack=()):
            if name in cache:
                return cache[name]
            expr = raw.get(name)
            if expr is None or name in stack:
                cache[name] = None
                return None
            v = eval_c_constant(expr, lambda n: value_of(n, stack + (name,)))
            cache[name] = v
            return v

        for name in raw:
            self.macros[name] = value_of(name)

    def _read_declarations(self, text):
        text = re.sub(r"^\s*#.*$", "", text, flags=re.M)  # preprocessor lines
        text = text.replace('extern "C" {', "").replace("}  // extern", "")
        text = re.sub(r"\bVOSIA_DEPRECATED\s*\((?:[^()\"]|\"[^\"]*\")*\)", "", text)
        for decl in text.split(";"):
            decl = " ".join(decl.split())
            if not decl or decl in ("}", "{"):
                continue
            decl = decl.lstrip("{} ")
            m = re.match(r"typedef struct (\w+) (\w+)$", decl)
            if m:
                self.opaque.add(m.group(2))
                continue
            m = re.match(r"typedef (.+?)\(\s*\*\s*(\w+)\s*\)\s*\((.*)\)$", decl)
            if m:
                self.fnptrs[m.group(2)] = (parse_c_type(m.group(1)), parse_c_params(m.group(3)))
                continue
            m = re.match(r"typedef (\w+) (\w+)$", decl)
            if m:
                self.aliases[m.group(2)] = m.group(1)
                continue
            m = re.match(r"(.+?)\b(vosia_\w+)\s*\((.*)\)$", decl)
            if m:
                self.functions[m.group(2)] = (parse_c_type(m.group(1)),
                                              parse_c_params(m.group(3)), decl + ";")

    def base(self, ctype):
        """The scalar C type under typedefs (vosia_status -> int32_t)."""
        name = ctype.base
        while name in self.aliases:
            name = self.aliases[name]
        return name


def strip_c_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


class CType:
    def __init__(self, base, const, depth, text):
        self.base, self.const, self.depth, self.text = base, const, depth, text

    def __str__(self):
        return self.text


def parse_c_type(text):
    text = " ".join(text.split())
    depth = text.count("*")
    words = text.replace("*", " ").split()
    const = "const" in words
    words = [w for w in words if w not in ("const", "struct")]
    if len(words) != 1:
        raise ValueError(f"cannot read C type {text!r}")
    return CType(words[0], const, depth, text)


def parse_c_params(text):
    text = text.strip()
    if text in ("", "void"):
        return []
    params = []
    for p in text.split(","):
        p = p.strip()
        m = re.match(r"(.*?)(\w+)$", p)  # drop the parameter name
        if not m or not m.group(1).strip():
            raise ValueError(f"cannot read C parameter {p!r}")
        params.append(parse_c_type(m.group(1)))
    return params


_C_INT = re.compile(r"\b(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]+|[1-9][0-9]*|0)[uUlL]*\b")


def c_int(lit):
    if lit[:2] in ("0x", "0X", "0b", "0B") or lit == "0":
        return int(lit, 0)
    return int(lit, 8) if lit.startswith("0") else int(lit, 10)


def eval_c_constant(expr, lookup):
    """Value of a macro body: a string literal, or an integer expression over VOSIA_ macros.
    None when it is neither."""
    expr = expr.strip()
    m = re.fullmatch(r'"((?:[^"\\]|\\.)*)"', expr)
    if m:
        return ast.literal_eval(expr)
    values = {}

    def name(m):
        v = lookup(m.group(0))
        if not isinstance(v, int):
            raise KeyError(m.group(0))
        values[m.group(0)] = v
        return m.group(0)

    try:
        body = re.sub(r"\bVOSIA_\w+\b", name, expr)
    except KeyError:
        return None
    body = _C_INT.sub(lambda m: str(c_int(m.group(1))), body)
    return eval_int_expr(body, values)


_OPS = {ast.LShift: lambda a, b: a << b, ast.RShift: lambda a, b: a >> b,
        ast.BitOr: lambda a, b: a | b, ast.BitAnd: lambda a, b: a & b,
        ast.BitXor: lambda a, b: a ^ b, ast.Add: lambda a, b: a + b,
        ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b}


def eval_int_expr(text, names):
    """An integer expression of literals, names, unary -,+,~ and << >> | & ^ + - *."""
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        return None

    def ev(node):
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant) and type(node.value) is int:
            return node.value
        if isinstance(node, ast.Name) and node.id in names:
            return names[node.id]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd, ast.Invert)):
            v = ev(node.operand)
            return -v if isinstance(node.op, ast.USub) else ~v if isinstance(node.op, ast.Invert) else v
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](ev(node.left), ev(node.right))
        raise ValueError(ast.dump(node))

    try:
        return ev(tree)
    except ValueError:
        return None


# ------------------------------------------------------------------------------ Julia


def blank_julia(src):
    """The source with comments replaced by spaces and string/char/command literal contents by
    spaces (delimiters kept, newlines kept, same length), so offsets and lines stay, plus a
    dict: offset of a string literal's opening quote -> its raw contents."""
    out = list(src)
    strings = {}
    i, n = 0, len(src)

    def blank(a, b):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    def skip_string(i):
        """src[i] opens a string ("...", \"\"\"...\"\"\" or `...`); returns the index after it."""
        q = src[i]
        triple = src.startswith(q * 3, i)
        delim = q * 3 if triple else q
        j = i + len(delim)
        start = j
        while j < n:
            c = src[j]
            if c == "\\":
                j += 2
                continue
            if c == "$" and j + 1 < n and src[j + 1] == "(":
                j = skip_code(j + 2, ")")
                continue
            if src.startswith(delim, j):
                strings[i] = src[start:j]
                blank(start, j)
                return j + len(delim)
            j += 1
        raise SyntaxError(f"unterminated string at offset {i}")

    def skip_code(j, close):
        """Skips code (inside an interpolation) to the matching `close`; returns after it."""
        depth = 0
        while j < n:
            c = src[j]
            if c in "\"`":
                j = skip_string(j)
                continue
            if c in "([{":
                depth += 1
            elif c in ")]}":
                if depth == 0:
                    return j + 1
                depth -= 1
            j += 1
        raise SyntaxError("unterminated interpolation")

    while i < n:
        c = src[i]
        if c == "#":
            if src.startswith("#=", i):  # block comment, nesting
                depth, j = 1, i + 2
                while j < n and depth:
                    if src.startswith("#=", j):
                        depth, j = depth + 1, j + 2
                    elif src.startswith("=#", j):
                        depth, j = depth - 1, j + 2
                    else:
                        j += 1
                if depth:
                    raise SyntaxError("unterminated #= comment")
                blank(i, j)
                i = j
            else:
                j = src.find("\n", i)
                j = n if j < 0 else j
                blank(i, j)
                i = j
        elif c in "\"`":
            i = skip_string(i)
        elif c == "'":
            prev = src[i - 1] if i else " "
            if prev.isalnum() or prev in "_)]}'.!":  # adjoint, not a char literal
                i += 1
                continue
            j = i + 1
            if j < n and src[j] == "\\":
                j += 2
                while j < n and src[j] != "'":
                    j += 1
            else:
                j += 1
                while j < n and src[j] != "'":  # a multi-byte char
                    j += 1
            blank(i + 1, j)
            i = j + 1
        else:
            i += 1
    return "".join(out), strings


def split_top(text):
    """Splits at commas not inside () [] {}."""
    parts, depth, cur = [], 0, []
    for c in text:
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        if c == "," and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(c)
    parts.append("".join(cur))
    return [p.strip() for p in parts]


def matching(code, i):
    """code[i] is an opening bracket: the index of its match."""
    depth = 0
    for j in range(i, len(code)):
        if code[j] in "([{":
            depth += 1
        elif code[j] in ")]}":
            depth -= 1
            if depth == 0:
                return j
    raise SyntaxError(f"unbalanced bracket at offset {i}")


# Julia scalar spellings -> the canonical name used below.
_JL_SCALAR = {"Int32": "Int32", "Cint": "Int32", "Int64": "Int64", "Csize_t": "Csize_t",
              "Cdouble": "Float64", "Float64": "Float64", "Cvoid": "Cvoid", "Nothing": "Cvoid",
              "UInt8": "UInt8", "Cchar": "UInt8", "Cstring": "Cstring"}
_C_SCALAR = {"int32_t": {"Int32"}, "int64_t": {"Int64"}, "size_t": {"Csize_t"},
             "double": {"Float64"}}
_HELP = {"int32_t": "Int32 or Cint", "int64_t": "Int64", "size_t": "Csize_t",
         "double": "Cdouble or Float64"}


def parse_jl_type(t):
    """'Ref{Ptr{Cvoid}}' -> ('Ref', ('Ptr', 'Cvoid')); scalars canonical; unknown names kept."""
    t = "".join(t.split())
    m = re.fullmatch(r"(Ptr|Ref)\{(.+)\}", t)
    if m:
        return (m.group(1), parse_jl_type(m.group(2)))
    return _JL_SCALAR.get(t, "?" + t)


def jl_compatible(h, c, jl, is_return):
    """None if Julia type `jl` (parsed) passes C type `c`, else a hint of what would."""
    base = h.base(c)
    if c.depth == 0 and base in h.fnptrs:
        ok = jl == ("Ptr", "Cvoid")
        return None if ok else "Ptr{Cvoid} (a @cfunction pointer)"
    if c.depth == 0:
        if base == "void":
            return None if jl == "Cvoid" else "Cvoid"
        if base not in _C_SCALAR:
            return f"(no Julia spelling known for C type {base})"
        return None if jl in _C_SCALAR[base] else _HELP[base]
    ptr_kinds = ("Ptr",) if is_return else ("Ptr", "Ref")
    if c.depth == 1:
        if base == "char":
            if c.const:
                ok = jl in ("Cstring", ("Ptr", "UInt8"))
                return None if ok else "Cstring or Ptr{UInt8}"
            ok = jl == ("Ptr", "UInt8")
            return None if ok else "Ptr{UInt8} (a buffer vosia writes)"
        if base == "void" or base in h.opaque:
            return None if jl == ("Ptr", "Cvoid") else "Ptr{Cvoid}"
        if base in _C_SCALAR:
            ok = isinstance(jl, tuple) and jl[0] in ptr_kinds and jl[1] in _C_SCALAR[base]
            return None if ok else "/".join(f"{k}{{{_HELP[base].split()[0]}}}" for k in ptr_kinds)
        return f"(no Julia spelling known for C type {c})"
    if c.depth == 2:
        ok = isinstance(jl, tuple) and jl[0] in ptr_kinds
        inner = jl[1] if ok else None
        if base == "char":
            ok = ok and inner in ("Cstring", ("Ptr", "UInt8"))
            return None if ok else "Ref{Cstring} (one string) or Ptr{Ptr{UInt8}} (an array)"
        if base == "void" or base in h.opaque:
            ok = ok and inner == ("Ptr", "Cvoid")
            return None if ok else "Ref{Ptr{Cvoid}}"
    return f"(no Julia spelling known for C type {c})"


def jl_text(t):
    return "".join(t.split())


class Checker:
    def __init__(self, header, jl_path):
        self.h = header
        self.jl_path = jl_path
        with open(jl_path, encoding="utf-8") as f:
            self.src = f.read()
        self.code, self.strings = blank_julia(self.src)
        self.problems = []
        self.ccalls = 0
        self.functions = set()
        self.constants = 0

    def line(self, offset):
        return self.src.count("\n", 0, offset) + 1

    def problem(self, offset, msg):
        self.problems.append(f"{self.jl_path}:{self.line(offset)}: {msg}")

    def run(self):
        for m in re.finditer(r"@ccall\b", self.code):
            self.problem(m.start(), "@ccall is not supported by this check: write ccall(...)")
        for m in re.finditer(r"(?<![\w@])ccall\s*\(", self.code):
            self.check_ccall(m.start(), m.end() - 1)
        for m in re.finditer(r"@cfunction\s*\(", self.code):
            self.check_cfunction(m.start(), m.end() - 1)
        for m in re.finditer(r"^[ \t]*(?:global[ \t]+)?const[ \t]+([A-Za-z_]\w*)[ \t]*"
                             r"(?:::[^=\n]+)?=[ \t]*([^\n]*)$", self.code, re.M):
            self.check_constant(m)

    def args_of(self, open_paren):
        close = matching(self.code, open_paren)
        return split_top(self.code[open_paren + 1:close])

    def type_tuple(self, at, text):
        t = text.strip()
        if not (t.startswith("(") and matching(t, 0) == len(t) - 1):
            self.problem(at, f"argument types {t!r} are not a tuple literal")
            return None
        inner = t[1:-1].strip()
        if not inner:
            return []
        parts = split_top(inner)
        if parts and parts[-1] == "":
            parts.pop()  # (Int32,)
        return parts

    def check_ccall(self, at, open_paren):
        self.ccalls += 1
        args = self.args_of(open_paren)
        if args and args[1:2] and args[1] in ("cdecl", "stdcall", "fastcall", "thiscall"):
            args = args[:1] + args[2:]
        if len(args) < 3:
            self.problem(at, "ccall with fewer than 3 arguments: cannot read it")
            return
        spec = args[0]
        m = re.fullmatch(r"\(\s*:(\w+)\s*,\s*[^,]+\)", spec) or re.fullmatch(r":(\w+)", spec)
        if not m:
            self.problem(at, f"ccall of {args[0]!r}: not a literal (:name, lib), cannot check it")
            return
        name = m.group(1)
        self.functions.add(name)
        decl = self.h.functions.get(name)
        if decl is None:
            self.problem(at, f"{name}: not declared in {self.h.path}")
            return
        ret, params, proto = decl
        jl_ret = args[1]
        hint = jl_compatible(self.h, ret, parse_jl_type(jl_ret), True)
        if hint:
            self.problem(at, f"{name}: returns {ret} in vosia.h, declared {jl_text(jl_ret)} "
                             f"in Julia (use {hint}); vosia.h: {proto}")
        types = self.type_tuple(at, args[2])
        if types is None:
            return
        values = args[3:]
        if len(types) != len(params):
            self.problem(at, f"{name}: {len(types)} argument type(s) in Julia, vosia.h declares "
                             f"{len(params)}: {proto}")
        else:
            for k, (jt, ct) in enumerate(zip(types, params), 1):
                hint = jl_compatible(self.h, ct, parse_jl_type(jt), False)
                if hint:
                    self.problem(at, f"{name}: argument {k} is {ct} in vosia.h, {jl_text(jt)} in "
                                     f"Julia (use {hint}); vosia.h: {proto}")
        if len(values) != len(types):
            self.problem(at, f"{name}: {len(types)} argument type(s) but {len(values)} "
                             "value(s) passed")

    def check_cfunction(self, at, open_paren):
        args = self.args_of(open_paren)
        if len(args) != 3:
            self.problem(at, "@cfunction: expected (function, RetType, (ArgTypes...))")
            return
        types = self.type_tuple(at, args[2])
        if types is None:
            return
        jret = parse_jl_type(args[1])
        jargs = [parse_jl_type(t) for t in types]
        for name, (ret, params) in self.h.fnptrs.items():
            if len(params) == len(jargs) and not jl_compatible(self.h, ret, jret, True) and \
                    all(not jl_compatible(self.h, c, j, True) for c, j in zip(params, jargs)):
                return
        sigs = "; ".join(f"{n}: {r} (*)({', '.join(map(str, p))})"
                         for n, (r, p) in self.h.fnptrs.items()) or "none"
        self.problem(at, f"@cfunction({args[0]}, {jl_text(args[1])}, {jl_text(args[2])}) matches "
                         f"no function-pointer typedef of vosia.h ({sigs})")

    def check_constant(self, m):
        jname, raw = m.group(1), m.group(2).strip()
        if not re.fullmatch(r"[A-Z][A-Z0-9_]*", jname):
            return
        cname = jname if jname.startswith("VOSIA_") else "VOSIA_" + jname
        value = self.julia_value(m.start(2), raw)
        at = m.start(1)
        if cname not in self.h.macros:
            if value is not None:
                self.problem(at, f"const {jname} = {self.show(raw, m.start(2))}: vosia.h defines "
                                 f"no {cname}")
            return
        self.constants += 1
        want = self.h.macros[cname]
        if want is None:
            self.problem(at, f"const {jname}: vosia.h's {cname} has no value this check can read")
        elif value is None:
            self.problem(at, f"const {jname} = {self.show(raw, m.start(2))}: cannot read the value "
                             f"(vosia.h: {cname} = {want!r})")
        elif type(value) is not type(want) or value != want:
            self.problem(at, f"const {jname} = {value!r}, but vosia.h has {cname} = {want!r}")

    def show(self, raw, offset):
        q = raw.find('"')
        if q >= 0 and offset + q in self.strings:
            return raw[:q] + '"' + self.strings[offset + q] + '"'
        return raw

    def julia_value(self, offset, raw):
        raw = raw.strip()
        m = re.fullmatch(r'v?"\s*"', raw)
        if m:
            q = raw.index('"')
            s = self.strings.get(offset + q)
            return None if s is None or "\\" in s or "$" in s else s
        m = re.fullmatch(r"(?:(?:Int|UInt)(?:8|16|32|64)|Cint|Cuint|Clong|Clonglong|Csize_t)"
                         r"\(\s*(.+?)\s*\)", raw)
        if m:
            raw = m.group(1)
        m = re.fullmatch(r"(-?)\s*(0x[0-9a-fA-F_]+|0b[01_]+|0o[0-7_]+|[0-9][0-9_]*)", raw)
        if not m:
            return None
        digits = m.group(2).replace("_", "")
        v = int(digits, 0) if digits[:2] in ("0x", "0b", "0o") else int(digits, 10)
        return -v if m.group(1) else v


def main(argv=None):
    ap = argparse.ArgumentParser(description="Checks Vosia.jl's ccalls and constants "
                                 "against vosia.h.")
    ap.add_argument("julia", nargs="?", default=os.path.join(ROOT, "examples", "julia", "Vosia.jl"),
                    help="the Julia file (default: examples/julia/Vosia.jl)")
    ap.add_argument("--header", default=os.path.join(ROOT, "include", "vosia.h"),
                    help="the C header (default: include/vosia.h)")
    a = ap.parse_args(argv)
    try:
        h = Header(a.header)
        c = Checker(h, a.julia)
        c.run()
    except (OSError, SyntaxError, ValueError) as e:
        print(f"check_names: cannot check: {e}", file=sys.stderr)
        return 2
    if not h.functions:
        print(f"check_names: no function declarations found in {a.header}", file=sys.stderr)
        return 2
    if c.ccalls == 0:
        print(f"check_names: no ccall found in {a.julia}", file=sys.stderr)
        return 2
    if c.problems:
        for p in c.problems:
            print(p, file=sys.stderr)
        print(f"check_names: FAILED: {len(c.problems)} problem(s) in {a.julia} against {a.header}",
              file=sys.stderr)
        return 1
    print(f"check_names: OK: {c.ccalls} ccalls of {len(c.functions)} functions and "
          f"{c.constants} constants in {os.path.basename(a.julia)} agree with "
          f"{os.path.basename(a.header)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

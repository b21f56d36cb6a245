#!/usr/bin/env python3
"""Extracts every build case of Kustomize's krusty tests into directories.

Runs the Go test functions of api/krusty (package krusty_test) in a small interpreter of the Go
they are written in (gosubset.py parses it). Kustomize's test harness is modelled: th.WriteK /
WriteF / WriteC write into an in-memory file system, th.Run / th.RunWithErr (and
krusty.MakeKustomizer(o).Run) take a snapshot of it as one case, and the assertions that follow
(AssertActualEqualsExpected, error checks) are recorded beside it. Every other function of the
Go standard library or of Kustomize yields an opaque value; a case whose files depend on one is
reported as not extractable, with the reason.

    extract.py KUSTOMIZE_CHECKOUT OUT_DIR

KUSTOMIZE_CHECKOUT holds api/krusty at the tag under test. Each case becomes
OUT_DIR/<TestName>[/<subtest>][/run-N]/ with fs/ (the files, the harness's "/" mapped to fs/)
and case.json (build path relative to fs/, options, Go's expectation). OUT_DIR/index.json lists
every case, extracted or not.
"""

import glob
import json
import os
import posixpath
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gosubset  # noqa: E402


class Opaque:
    """A value the interpreter does not model (a server URL, a plugin, a real file system...)."""

    def __init__(self, reason):
        self.reason = reason

    def __repr__(self):
        return f"<opaque {self.reason}>"


class GoError(Exception):
    """The interpreter met Go it does not run."""


class Fatal(Exception):
    pass


class Skip(Exception):
    def __init__(self, message):
        self.message = message


class Return(Exception):
    def __init__(self, values):
        self.values = values


class Break(Exception):
    pass


class Continue(Exception):
    pass


class Package:
    def __init__(self, name):
        self.name = name


class TypeValue:
    def __init__(self, typ):
        self.typ = typ


class Struct:
    def __init__(self, type_name, fields):
        self.type_name = type_name
        self.fields = fields

    def __repr__(self):
        return f"{self.type_name}{self.fields}"


class Func:
    def __init__(self, name, params, body, env, interp, results=()):
        self.name, self.params, self.body, self.env, self.interp = name, params, body, env, interp
        self.results = results

    def __call__(self, *args):
        return self.interp.call_func(self, list(args))


class Env:
    def __init__(self, parent=None):
        self.vars = {}
        self.parent = parent

    def lookup(self, name):
        env = self
        while env is not None:
            if name in env.vars:
                return env
            env = env.parent
        return None

    def get(self, name):
        env = self.lookup(name)
        if env is None:
            raise KeyError(name)
        return env.vars[name]

    def set(self, name, value):
        env = self.lookup(name)
        (env or self).vars[name] = value

    def define(self, name, value):
        if name != "_":
            self.vars[name] = value


# ---------------------------------------------------------------- the modelled harness

class FileSystem:
    def __init__(self):
        self.files = {}     # absolute path -> [content, mode]
        self.dirs = set()

    @staticmethod
    def clean(path):
        if isinstance(path, Opaque):
            raise GoError(f"path depends on {path.reason}")
        if not path.startswith("/"):
            path = "/" + path
        return posixpath.normpath(path)

    def write(self, path, content):
        if isinstance(content, Opaque):
            raise GoError(f"content of {path} depends on {content.reason}")
        if isinstance(content, list) and all(isinstance(b, int) for b in content):
            content = bytes(content)
        self.files[self.clean(path)] = [content, 0o644]

    def mkdir(self, path):
        self.dirs.add(self.clean(path))

    def chmod(self, path, mode):
        p = self.clean(path)
        if p in self.files:
            self.files[p][1] = mode

    def snapshot(self):
        return {p: list(v) for p, v in self.files.items()}, set(self.dirs)


class Case:
    def __init__(self, name, fs, path, options, expect_error):
        self.name = name
        self.files, self.dirs = fs.snapshot()
        self.path = FileSystem.clean(path)
        self.options = options
        self.expect_error = expect_error
        self.expected = None
        self.error_contains = []
        self.error_regexp = []


class ResMap:
    def __init__(self, case):
        self.case = case


class YamlOf:
    def __init__(self, case):
        self.case = case


class ErrValue:
    """The error of a build: maybe nil (krusty.Run), certainly not (RunWithErr)."""

    def __init__(self, case, certain):
        self.case = case
        self.certain = certain


class ErrText(str):
    case = None


def err_text(err):
    text = ErrText("<error>")
    text.case = err.case
    return text


def options(plugins=False):
    return Struct("krusty.Options", {
        "Reorder": "none", "AddManagedbyLabel": False, "LoadRestrictions": "LoadRestrictionsRootOnly",
        "PluginConfig": Struct("types.PluginConfig", {
            "PluginRestrictions": "none" if plugins else "builtinsOnly",
            "FnpLoadingOptions": Struct("types.FnPluginLoadingOptions", {
                "EnableExec": False, "EnableStar": plugins, "Network": False, "Mounts": [], "Env": [],
                "AsCurrentUser": False, "WorkingDir": ""}),
            "HelmConfig": Struct("types.HelmConfig", {
                "Enabled": plugins, "Command": "helm", "ApiVersions": [], "KubeVersion": "", "Debug": False}),
            "BpLoadingOptions": "loadFromFileSys",
        }),
    })


def options_json(o):
    if not isinstance(o, Struct):
        return {"opaque": True}
    pc = o.fields["PluginConfig"].fields
    return {
        "loadRestrictions": o.fields["LoadRestrictions"],
        "addManagedByLabel": o.fields["AddManagedbyLabel"],
        "reorder": o.fields["Reorder"],
        "plugins": pc["PluginRestrictions"] == "none",
        "enableExec": pc["FnpLoadingOptions"].fields["EnableExec"],
        "helm": pc["HelmConfig"].fields["Enabled"],
    }


class Harness:
    def __init__(self, extractor, t, fs, root="/"):
        self.x, self.t, self.fs, self.root = extractor, t, fs, root

    def method(self, name):
        x = self.x
        fs = self.fs

        def write_k(path, content, kind="Kustomization", api="kustomize.config.k8s.io/v1beta1"):
            body = text(content)
            if isinstance(body, Opaque):
                raise GoError(f"content of {path} depends on {body.reason}")
            fs.write(posixpath.join(FileSystem.clean(path), "kustomization.yaml"),
                     f"\napiVersion: {api}\nkind: {kind}\n" + body)

        def run(path, opts, expect_error=False):
            case = x.record(self.t, fs, path, opts, expect_error)
            return ErrValue(case, True) if expect_error else ResMap(case)

        table = {
            "WriteK": lambda p, c: write_k(p, c),
            "WriteC": lambda p, c: write_k(p, c, "Component", "kustomize.config.k8s.io/v1alpha1"),
            "WriteF": lambda p, c: fs.write(p, text(c)),
            "MakeDefaultOptions": lambda: options(),
            "MakeOptionsPluginsDisabled": lambda: options(),
            "MakeOptionsPluginsEnabled": lambda: options(True),
            "Run": lambda p, o: run(p, o),
            "RunWithErr": lambda p, o: run(p, o, True),
            "GetRoot": lambda: self.root,
            "MkDir": lambda p: (fs.mkdir(posixpath.join(self.root, p)), posixpath.join(self.root, p))[1],
            "GetFSys": lambda: fs,
            "GetT": lambda: self.t,
            "Reset": lambda: None,
            "ErrIfNoHelm": lambda: None,
            "PrepBuiltin": lambda k: self,
            "BuildGoPlugin": lambda g, v, k: self,
            "PrepExecPlugin": lambda g, v, k: x.exec_plugin(self, g, v, k),
            "AssertActualEqualsExpected": lambda m, e: x.expect(m, e),
            "AssertActualEqualsExpectedNoIdAnnotations": lambda m, e: x.expect(m, e),
            "AssertActualEqualsExpectedWithTweak": lambda m, tw, e: x.expect(m, e),
            "WriteLegacyConfigs": lambda f: fs.write(f, x.legacy_configs()),
            "GetPluginConfig": lambda: options(True).fields["PluginConfig"],
        }
        if name in table:
            return table[name]
        if name == "Harness":
            return self
        raise GoError(f"harness method {name}")


def text(value):
    if isinstance(value, list) and all(isinstance(b, int) for b in value):
        value = bytes(value)
    if isinstance(value, (bytes, bytearray)):
        try:
            return value.decode()
        except UnicodeDecodeError:
            return bytes(value)
    return value


def go_format(fmt, args):
    out = []
    args = list(args)
    i = 0
    pos = 0
    for m in re.finditer(r"%([-+# 0]*\d*(?:\.\d+)?)([svdqtxT%])", fmt):
        out.append(fmt[pos:m.start()])
        pos = m.end()
        verb = m.group(2)
        if verb == "%":
            out.append("%")
            continue
        value = args[i] if i < len(args) else "%!" + verb + "(MISSING)"
        i += 1
        if isinstance(value, Opaque):
            return value
        if isinstance(value, ErrText):
            return Opaque("an error message")
        if verb == "q":
            out.append(json.dumps(value))
        elif verb == "t":
            out.append("true" if value else "false")
        elif isinstance(value, bool):
            out.append("true" if value else "false")
        else:
            out.append(str(value))
    out.append(fmt[pos:])
    return "".join(out)


# ---------------------------------------------------------------- the interpreter

class Interpreter:
    def __init__(self, extractor, source_dir):
        self.x = extractor
        self.source_dir = source_dir
        self.globals = Env()
        self.types = {}
        self.pending = {}

    def load(self, files):
        for f in files:
            for decl in gosubset.parse(open(f, encoding="utf-8").read()):
                kind = decl[0]
                if kind == "funcdecl":
                    _, name, params, body, receiver, _line, results = decl
                    if receiver is None and body is not None:
                        self.globals.define(name, Func(name, params, body, self.globals, self, results))
                elif kind == "decl":
                    for names, _typ, values, iota in decl[2]:
                        for idx, n in enumerate(names):
                            self.pending[n] = (values[idx] if idx < len(values) else None, iota, _typ)
                elif kind == "typedecl":
                    for name, typ in decl[1]:
                        self.types[name] = typ

    def global_value(self, name):
        if name in self.globals.vars:
            return self.globals.vars[name]
        if name in self.pending:
            expr, iota, typ = self.pending.pop(name)
            env = Env(self.globals)
            env.define("iota", iota)
            value = self.eval(expr, env) if expr is not None else self.zero(typ)
            self.globals.define(name, value)
            return value
        raise KeyError(name)

    # -- types
    def zero(self, typ):
        if typ is None:
            return None
        kind = typ[0]
        if kind == "name":
            n = typ[1]
            if n == "string":
                return ""
            if n == "bool":
                return False
            if n in ("int", "int32", "int64", "uint", "byte", "rune", "float64", "uint8"):
                return 0
            if n in self.types:
                return self.zero_named(n)
            return None
        if kind == "struct":
            return Struct("struct", {f: self.zero(t) for f, t in typ[1]})
        if kind == "qualified":
            if typ[2] == "Options" and typ[1] == "krusty":
                return options()
            return None
        return None

    def zero_named(self, name):
        typ = self.types[name]
        if typ[0] == "struct":
            return Struct(name, {f: self.zero(t) for f, t in typ[1]})
        return self.zero(typ)

    def struct_fields(self, typ):
        if typ is None:
            return None
        if typ[0] == "name" and typ[1] in self.types:
            return self.struct_fields(self.types[typ[1]])
        if typ[0] == "struct":
            return typ[1]
        if typ[0] == "ptr":
            return self.struct_fields(typ[1])
        return None

    # -- calls
    def call_func(self, fn, args):
        env = Env(fn.env)
        params = fn.params
        for i, (name, typ, variadic) in enumerate(params):
            if variadic:
                value = list(args[i:])
            else:
                value = args[i] if i < len(args) else None
            if name:
                env.define(name, value)
        for name, typ in fn.results:
            env.define(name, self.zero(typ))
        try:
            self.exec_block(fn.body, env)
        except Return as r:
            vals = r.values
            if not vals and fn.results:
                vals = [env.vars.get(n) for n, _t in fn.results]
            return vals[0] if len(vals) == 1 else tuple(vals) if vals else None
        if fn.results:
            vals = [env.vars.get(n) for n, _t in fn.results]
            return vals[0] if len(vals) == 1 else tuple(vals)
        return None

    def call(self, fn, args):
        if isinstance(fn, Opaque):
            return fn
        if isinstance(fn, Package):
            return Opaque(f"function {fn.name}")
        if callable(fn):
            return fn(*args)
        raise GoError(f"cannot call {fn!r}")

    # -- statements
    def exec_block(self, block, env):
        for stmt in block[1]:
            self.exec(stmt, env)

    def exec(self, s, env):
        kind = s[0]
        if kind == "expr":
            self.eval(s[1], env)
        elif kind == "assign":
            self.assign(s, env)
        elif kind == "decl":
            for names, typ, values, iota in s[2]:
                vals = self.eval_list(values, env) if values else [self.zero(typ) for _ in names]
                for n, v in zip(names, vals):
                    env.define(n, v)
        elif kind == "typedecl":
            for name, typ in s[1]:
                self.types[name] = typ
        elif kind == "block":
            self.exec_block(s, Env(env))
        elif kind == "if":
            inner = Env(env)
            if s[1]:
                self.exec(s[1], inner)
            cond = self.eval(s[2], inner)
            if cond is True:
                self.exec_block(s[3], Env(inner))
            elif s[4] is not None and (cond is False or isinstance(cond, Opaque)):
                other = s[4]
                if other[0] == "block":
                    self.exec_block(other, Env(inner))
                else:
                    self.exec(other, inner)
        elif kind == "for":
            self.exec_for(s, env)
        elif kind == "rangefor":
            self.exec_range(s, env)
        elif kind == "switch":
            self.exec_switch(s, env)
        elif kind == "return":
            raise Return(self.eval_list(s[1], env))
        elif kind == "break":
            raise Break()
        elif kind == "continue":
            raise Continue()
        elif kind == "defer":
            pass
        elif kind == "nop":
            pass
        elif kind == "range":
            raise GoError("range outside for")
        else:
            raise GoError(f"statement {kind}")

    def exec_for(self, s, env):
        _, init, cond, post, body, _line = s
        inner = Env(env)
        if init:
            self.exec(init, inner)
        count = 0
        while True:
            if cond is not None:
                c = self.eval(cond, inner)
                if c is not True:
                    break
            count += 1
            if count > 100000:
                raise GoError("loop does not end")
            try:
                self.exec_block(body, Env(inner))
            except Break:
                break
            except Continue:
                pass
            if post:
                self.exec(post, inner)

    def exec_range(self, s, env):
        _, lhs, define, over_expr, body, _line = s
        over = self.eval(over_expr, env)
        if over is None or isinstance(over, Opaque):
            items = []
        elif isinstance(over, dict):
            items = sorted(over.items(), key=lambda kv: str(kv[0]))
        elif isinstance(over, (list, tuple)):
            items = list(enumerate(over))
        elif isinstance(over, str):
            items = list(enumerate(ord(c) for c in over))
        elif isinstance(over, int):
            items = [(i, None) for i in range(over)]
        else:
            raise GoError(f"range over {over!r}")
        for k, v in items:
            inner = Env(env)
            vals = [k, v]
            for target, value in zip(lhs, vals):
                if define:
                    if target[0] == "ident":
                        inner.define(target[1], value)
                else:
                    self.store(target, value, env)
            try:
                self.exec_block(body, Env(inner))
            except Break:
                break
            except Continue:
                pass

    def exec_switch(self, s, env):
        _, init, tag, clauses, _line = s
        inner = Env(env)
        if init:
            self.exec(init, inner)
        if tag is not None and tag[0] == "assign":
            raise GoError("type switch")
        value = True if tag is None else self.eval(tag, inner)
        chosen = None
        for exprs, body in clauses:
            if exprs is None:
                if chosen is None:
                    default = body
                continue
            for e in exprs:
                if self.equal(self.eval(e, inner), value) is True:
                    chosen = body
                    break
            if chosen:
                break
        if chosen is None:
            chosen = next((b for e, b in clauses if e is None), None)
        if chosen is not None:
            try:
                self.exec_block(chosen, Env(inner))
            except Break:
                pass

    def assign(self, s, env):
        _, lhs, op, rhs, _line = s
        if op in (":=", "="):
            if len(rhs) == 1 and len(lhs) > 1:
                value = self.eval(rhs[0], env)
                if isinstance(value, Opaque):
                    values = [value] * len(lhs)
                elif isinstance(value, tuple):
                    values = list(value)
                elif rhs[0][0] == "index" or rhs[0][0] == "assert":
                    values = [value, value is not None]
                else:
                    values = [value] + [None] * (len(lhs) - 1)
            else:
                values = self.eval_list(rhs, env)
            for target, value in zip(lhs, values):
                if op == ":=" and target[0] == "ident":
                    if target[1] in env.vars and env.lookup(target[1]) is env:
                        env.vars[target[1]] = value
                    else:
                        env.define(target[1], value)
                else:
                    self.store(target, value, env)
            return
        current = self.eval(lhs[0], env)
        value = self.eval(rhs[0], env)
        self.store(lhs[0], self.binary(op[:-1], current, value), env)

    def store(self, target, value, env):
        kind = target[0]
        if kind == "ident":
            if target[1] == "_":
                return
            holder = env.lookup(target[1])
            if holder is None:
                if target[1] in self.pending:
                    self.global_value(target[1])
                    holder = self.globals
                else:
                    raise GoError(f"assignment to unknown {target[1]}")
            holder.vars[target[1]] = value
        elif kind == "sel":
            obj = self.eval(target[1], env)
            if isinstance(obj, Struct):
                obj.fields[target[2]] = value
            elif isinstance(obj, (Opaque, Command)):
                pass
            else:
                raise GoError(f"field assignment on {obj!r}")
        elif kind == "index":
            obj = self.eval(target[1], env)
            key = self.eval(target[2], env)
            if isinstance(obj, (dict, list)):
                obj[key] = value
            else:
                raise GoError(f"index assignment on {obj!r}")
        elif kind == "unary" and target[1] == "*":
            self.store(target[2], value, env)
        elif kind == "paren":
            self.store(target[1], value, env)
        else:
            raise GoError(f"assignment to {kind}")

    # -- expressions
    def eval_list(self, exprs, env):
        if len(exprs) == 1:
            v = self.eval(exprs[0], env)
            if isinstance(v, tuple):
                return list(v)
            return [v]
        return [self.first(self.eval(e, env)) for e in exprs]

    @staticmethod
    def first(v):
        return v[0] if isinstance(v, tuple) else v

    def eval(self, e, env):
        kind = e[0]
        if kind == "lit":
            return e[1]
        if kind == "ident":
            return self.lookup(e[1], env)
        if kind == "paren":
            return self.eval(e[1], env)
        if kind == "binary":
            op = e[1]
            left = self.first(self.eval(e[2], env))
            if op == "&&":
                if left is False:
                    return False
                right = self.eval(e[3], env)
                return right if left is True else (Opaque("condition") if right is not False else False)
            if op == "||":
                if left is True:
                    return True
                right = self.eval(e[3], env)
                return right if left is False else (Opaque("condition") if right is not True else True)
            return self.binary(op, left, self.first(self.eval(e[3], env)))
        if kind == "unary":
            v = self.first(self.eval(e[2], env))
            op = e[1]
            if isinstance(v, Opaque):
                return v
            if op == "!":
                return not v
            if op == "-":
                return -v
            return v  # & and * : values are references already
        if kind == "sel":
            return self.select(e, env)
        if kind == "call":
            return self.eval_call(e, env)
        if kind == "index":
            obj = self.first(self.eval(e[1], env))
            key = self.first(self.eval(e[2], env))
            if isinstance(obj, Opaque):
                return obj
            if isinstance(obj, dict):
                return obj.get(key)
            if isinstance(obj, (list, tuple, str)):
                return obj[key]
            if obj is None:
                return None
            raise GoError(f"index of {obj!r}")
        if kind == "slice":
            obj = self.first(self.eval(e[1], env))
            lo = self.eval(e[2], env) if e[2] else None
            hi = self.eval(e[3], env) if e[3] else None
            if isinstance(obj, Opaque):
                return obj
            return obj[lo:hi]
        if kind == "composite":
            return self.composite(e[1], e[2], env)
        if kind == "funclit":
            return Func("func literal", e[1], e[2], env, self, e[4])
        if kind == "type":
            return TypeValue(e[1])
        if kind == "assert":
            return self.eval(e[1], env)
        raise GoError(f"expression {kind}")

    def lookup(self, name, env):
        holder = env.lookup(name)
        if holder is not None:
            return holder.vars[name]
        try:
            return self.global_value(name)
        except KeyError:
            pass
        if name in BUILTINS:
            return BUILTINS[name](self)
        if name in self.types:
            return TypeValue(("name", name))
        if name in ("string", "int", "bool", "byte", "rune", "int64", "float64", "error", "any"):
            return TypeValue(("name", name))
        return Package(name)

    def select(self, e, env):
        base_expr, name = e[1], e[2]
        base = self.first(self.eval(base_expr, env))
        if isinstance(base, Package):
            qualified = base.name + "." + name
            if qualified in PACKAGES:
                value = PACKAGES[qualified](self)
                return pure(value) if qualified in PURE else value
            return Opaque(qualified)
        if isinstance(base, Opaque):
            return base
        if isinstance(base, Struct):
            if name in base.fields:
                return base.fields[name]
            if "Harness" in base.fields and isinstance(base.fields["Harness"], Harness):
                return base.fields["Harness"].method(name)
            return self.method(base, name)
        if isinstance(base, Harness):
            return base.method(name)
        return self.method(base, name)

    def method(self, base, name):
        x = self.x
        if isinstance(base, T):
            return base.method(name)
        if isinstance(base, FileSystem):
            fs = base
            table = {
                "WriteFile": lambda p, c: fs.write(p, text(c)),
                "Mkdir": lambda p: fs.mkdir(p),
                "MkdirAll": lambda p: fs.mkdir(p),
                "RemoveAll": lambda p: None,
                "Exists": lambda p: FileSystem.clean(p) in fs.files or FileSystem.clean(p) in fs.dirs,
            }
            if name in table:
                return table[name]
            return lambda *a: Opaque("filesys." + name)
        if isinstance(base, (TmpDir, Command)):
            return base.method(name)
        if isinstance(base, Kustomizer):
            if name == "Run":
                return lambda fs, path: base.run(fs, path)
        if isinstance(base, ResMap):
            if name == "AsYaml":
                return lambda: (YamlOf(base.case), None)
            return lambda *a: Opaque("resmap." + name)
        if isinstance(base, ErrValue):
            if name == "Error":
                return lambda: err_text(base)
        if isinstance(base, str) and name == "String":
            return lambda: base
        return Opaque(f"method {name}")

    def eval_call(self, e, env):
        _, fn_expr, arg_exprs, spread = e
        if fn_expr[0] == "type" or (fn_expr[0] == "paren" and fn_expr[1][0] == "type"):
            return self.first(self.eval(arg_exprs[0], env))
        if fn_expr[0] == "ident" and fn_expr[1] in ("make", "new"):
            typ = arg_exprs[0]
            t = typ[1] if typ[0] == "type" else ("name", typ[1]) if typ[0] == "ident" else None
            if t and t[0] == "map":
                return {}
            if t and t[0] == "slice":
                return []
            if fn_expr[1] == "new":
                return self.zero(t)
            return None
        fn = self.first(self.eval(fn_expr, env))
        if isinstance(fn, TypeValue):
            return self.first(self.eval(arg_exprs[0], env))
        args = [self.first(self.eval(a, env)) for a in arg_exprs]
        if spread and args:
            args = args[:-1] + list(args[-1] or [])
        return self.call(fn, args)

    def composite(self, type_expr, elements, env, typ=None):
        if typ is None:
            if type_expr[0] == "type":
                typ = type_expr[1]
            elif type_expr[0] == "ident":
                typ = ("name", type_expr[1])
            elif type_expr[0] == "sel":
                typ = ("qualified", type_expr[1][1], type_expr[2])
        if typ is not None and typ[0] == "name" and typ[1] in self.types and self.types[typ[1]][0] != "struct":
            typ = self.types[typ[1]]
        if typ is None:
            raise GoError("composite literal of unknown type")
        kind = typ[0]
        if kind in ("slice", "array"):
            elem = typ[-1]
            return [self.element(v, elem, env) for _, v in elements]
        if kind == "map":
            return {self.element(k, typ[1], env): self.element(v, typ[2], env) for k, v in elements}
        if kind == "ptr":
            return self.composite(type_expr, elements, env, typ[1])
        fields = self.struct_fields(typ)
        if fields is not None:
            name = typ[1] if typ[0] == "name" else "struct"
            value = Struct(name, {f: self.zero(t) for f, t in fields})
            types = dict(fields)
            for idx, (k, v) in enumerate(elements):
                if k is None:
                    fname, ftype = fields[idx]
                else:
                    fname = k[1]
                    ftype = types.get(fname)
                value.fields[fname] = self.element(v, ftype, env)
            return value
        if kind == "qualified":
            value = Struct(typ[1] + "." + typ[2], {})
            for k, v in elements:
                if k is not None:
                    value.fields[k[1]] = self.element(v, None, env)
            return value
        raise GoError(f"composite literal of {typ}")

    def element(self, v, typ, env):
        if v[0] == "lit_value":
            if typ is None:
                raise GoError("elided literal type")
            if typ[0] == "ptr":
                typ = typ[1]
            return self.composite(None, v[1], env, typ)
        return self.first(self.eval(v, env))

    def equal(self, a, b):
        if isinstance(a, Opaque) or isinstance(b, Opaque):
            return Opaque("comparison")
        if isinstance(a, ErrValue) or isinstance(b, ErrValue):
            err = a if isinstance(a, ErrValue) else b
            other = b if err is a else a
            if other is None:
                return False if err.certain else Opaque("an error")
            return Opaque("comparison")
        return a == b

    def binary(self, op, a, b):
        if op == "==":
            return self.equal(a, b)
        if op == "!=":
            eq = self.equal(a, b)
            return eq if isinstance(eq, Opaque) else not eq
        if isinstance(a, Opaque):
            return a
        if isinstance(b, Opaque):
            return b
        if isinstance(a, ErrText) or isinstance(b, ErrText):
            return Opaque("an error message")
        if op == "+":
            if isinstance(a, str) or isinstance(b, str):
                return text(a) + text(b)
            return a + b
        ops = {"-": lambda: a - b, "*": lambda: a * b, "/": lambda: a // b if isinstance(a, int) else a / b,
               "%": lambda: a % b, "<": lambda: a < b, "<=": lambda: a <= b, ">": lambda: a > b,
               ">=": lambda: a >= b, "&": lambda: a & b, "|": lambda: a | b, "^": lambda: a ^ b,
               "<<": lambda: a << b, ">>": lambda: a >> b}
        if op in ops:
            return ops[op]()
        raise GoError(f"operator {op}")


class T:
    """testing.T: a test or subtest, by its Go name."""

    def __init__(self, extractor, name):
        self.x, self.name = extractor, name

    def method(self, name):
        if name == "Run":
            return lambda sub, fn: self.x.subtest(self, sub, fn)
        if name in ("Fatal", "Fatalf", "FailNow"):
            def fatal(*a):
                raise Fatal()
            return fatal
        if name in ("Skip", "Skipf", "SkipNow"):
            def skip(*a):
                raise Skip(go_format(a[0], a[1:]) if a else "")
            return skip
        if name == "Name":
            return lambda: self.name
        if name == "TempDir":
            return lambda: self.x.tmpdir()
        return lambda *a: None


class TmpDir:
    def __init__(self, path):
        self.path = path

    def method(self, name):
        if name == "String":
            return lambda: self.path
        if name == "Join":
            return lambda p: posixpath.join(self.path, p)
        return lambda *a: Opaque("tmpdir." + name)


class Command:
    """exec.Command("sh", "-c", script): the remote-loading tests create Git repositories so."""

    def __init__(self, extractor, argv):
        self.x, self.argv = extractor, argv

    def method(self, name):
        if name in ("CombinedOutput", "Output", "Run") and list(self.argv[:2]) == ["sh", "-c"]:
            def run():
                self.x.setup_scripts.append(self.argv[2])
                return ("", None) if name != "Run" else None
            return run
        return lambda *a: Opaque("exec.Cmd." + name)


class Kustomizer:
    def __init__(self, extractor, opts):
        self.x, self.opts = extractor, opts

    def run(self, fs, path):
        if not isinstance(fs, FileSystem):
            raise GoError("build over an unmodelled file system")
        case = self.x.record(self.x.current, fs, path, self.opts, None)
        return ResMap(case), ErrValue(case, False)


# ---------------------------------------------------------------- Go's library, as far as used

def _strings_contains(x):
    def contains(s, sub):
        if isinstance(s, ErrText):
            x.error_phrase(s.case, sub)
            return True
        if isinstance(s, Opaque) or isinstance(sub, Opaque):
            return Opaque("strings.Contains")
        return sub in s
    return contains


def _assert_contains(x):
    def contains(t, s, sub, *rest):
        if isinstance(s, ErrText):
            x.error_phrase(s.case, sub)
    return contains


def _assert_equal(x):
    def equal(t, expected, actual, *rest):
        if isinstance(actual, YamlOf):
            actual.case.expected = expected
        elif isinstance(actual, ErrText):
            x.error_phrase(actual.case, expected)
        elif isinstance(expected, ErrText):
            x.error_phrase(expected.case, actual)
    return equal


def _error_contains(x):
    def contains(t, err, sub, *rest):
        if isinstance(err, ErrValue):
            err.case.expect_error = True
            x.error_phrase(err.case, sub)
    return contains


def _require_error(x, expect):
    def check(t, err, *rest):
        if isinstance(err, ErrValue) and err.case.expect_error is None:
            err.case.expect_error = expect
    return check


def _regexp(x):
    def check(t, pattern, s, *rest):
        if isinstance(s, ErrText) and not isinstance(pattern, Opaque):
            s.case.error_regexp.append(pattern)
            s.case.expect_error = True
    return check


def _join(*parts):
    parts = [p for p in parts if p != ""]
    if any(isinstance(p, Opaque) for p in parts):
        return next(p for p in parts if isinstance(p, Opaque))
    return posixpath.normpath(posixpath.join(*parts)) if parts else ""


def _read_testdata(interp):
    def read(path):
        full = os.path.join(interp.source_dir, path)
        if os.path.isfile(full):
            return open(full, encoding="utf-8").read(), None
        return Opaque("missing " + path), "error"
    return read


def _copy_dir(interp):
    def copy(fs, src, dst):
        root = os.path.join(interp.source_dir, src)
        for dirpath, _dirs, names in os.walk(root):
            for n in names:
                full = os.path.join(dirpath, n)
                rel = os.path.relpath(full, root)
                fs.write(posixpath.join(dst, rel), open(full, encoding="utf-8").read())
        return None
    return copy


def _append(_x):
    def append(s, *items):
        return list(s or []) + list(items)
    return append


def _len(_x):
    def length(v):
        if isinstance(v, Opaque):
            return v
        return len(v) if v is not None else 0
    return length


BUILTINS = {
    "append": _append,
    "len": _len,
    "nil": lambda x: None,
    "true": lambda x: True,
    "false": lambda x: False,
    "panic": lambda x: (lambda *a: (_ for _ in ()).throw(GoError("panic"))),
    "string": lambda x: (lambda v: bytes(v) if isinstance(v, list) and all(isinstance(b, int) for b in v)
                         else text(v)),
}


def pure(fn):
    """A library function of plain values: an opaque argument makes an opaque result."""
    def call(*args):
        for a in args:
            if isinstance(a, Opaque):
                return a
            if isinstance(a, list) and any(isinstance(v, Opaque) for v in a):
                return next(v for v in a if isinstance(v, Opaque))
        return fn(*args)
    return call


PURE = {"strings.ReplaceAll", "strings.Replace", "strings.Repeat", "strings.Join", "strings.TrimSpace",
        "strings.TrimPrefix", "strings.TrimSuffix", "strings.HasPrefix", "strings.HasSuffix", "strings.Split",
        "strings.ToLower", "filepath.Dir", "filepath.Base", "fmt.Sprint"}

PACKAGES = {
    "fmt.Sprintf": lambda i: (lambda f, *a: go_format(f, a)),
    "fmt.Errorf": lambda i: (lambda f, *a: Opaque("an error")),
    "fmt.Sprint": lambda i: (lambda *a: "".join(str(v) for v in a)),
    "strings.ReplaceAll": lambda i: (lambda s, a, b: s if isinstance(s, Opaque) else s.replace(a, b)),
    "strings.Replace": lambda i: (lambda s, a, b, n: s.replace(a, b) if n < 0 else s.replace(a, b, n)),
    "strings.Repeat": lambda i: (lambda s, n: s * n),
    "strings.Join": lambda i: (lambda parts, sep: sep.join(parts)),
    "strings.TrimSpace": lambda i: (lambda s: s.strip()),
    "strings.TrimPrefix": lambda i: (lambda s, p: s[len(p):] if s.startswith(p) else s),
    "strings.TrimSuffix": lambda i: (lambda s, p: s[:-len(p)] if p and s.endswith(p) else s),
    "strings.HasPrefix": lambda i: (lambda s, p: s.startswith(p)),
    "strings.HasSuffix": lambda i: (lambda s, p: s.endswith(p)),
    "strings.Split": lambda i: (lambda s, sep: s.split(sep)),
    "strings.ToLower": lambda i: (lambda s: s.lower()),
    "strings.Contains": lambda i: _strings_contains(i.x),
    "filepath.Join": lambda i: _join,
    "path.Join": lambda i: _join,
    "filepath.Dir": lambda i: posixpath.dirname,
    "filepath.Base": lambda i: posixpath.basename,
    "regexp.QuoteMeta": lambda i: (lambda s: s if isinstance(s, Opaque) else re.sub(r"([\\.+*?()|\[\]{}^$])",
                                                                                     r"\\\1", s)),
    "konfig.DefaultKustomizationFileName": lambda i: (lambda: "kustomization.yaml"),
    "konfig.RecognizedKustomizationFileNames": lambda i: (
        lambda: ["kustomization.yaml", "kustomization.yml", "Kustomization"]),
    "konfig.BuiltinPluginPackage": lambda i: "builtin",
    "konfig.KustomizePluginHomeEnv": lambda i: "KUSTOMIZE_PLUGIN_HOME",
    "os.ReadFile": _read_testdata,
    "os.Chmod": lambda i: (lambda p, mode: i.x.chmod(p, mode)),
    "os.Getenv": lambda i: (lambda name: ""),
    "os.LookupEnv": lambda i: (lambda name: (Opaque(f"environment variable {name}"), True)),
    "os.MkdirTemp": lambda i: (lambda d, pattern: (posixpath.join(d, pattern + "0"), None)),
    "filepath.EvalSymlinks": lambda i: (lambda p: (p, None)),
    "exec.LookPath": lambda i: (lambda name: ("", None) if name == "helm" else ("", ErrValue(None, True))),
    "exec.Command": lambda i: (lambda *argv: Command(i.x, argv)),
    "kusttest_test.CreateKustDir": lambda i: (lambda t, content: i.x.kust_dir(content)),
    "copyutil.CopyDir": _copy_dir,
    "kusttest_test.MakeHarness": lambda i: (lambda t: i.x.harness(t, FileSystem())),
    "kusttest_test.MakeHarnessWithFs": lambda i: (lambda t, fs: i.x.harness(t, fs)),
    "kusttest_test.MakeEnhancedHarness": lambda i: (lambda t: i.x.harness(t, FileSystem())),
    "kusttest_test.MakeEnhancedHarnessWithTmpRoot": lambda i: (
        lambda t: i.x.harness(t, FileSystem(), i.x.tmpdir())),
    "kusttest_test.Setup": lambda i: (lambda t: (i.x.disk_fs(), TmpDir(i.x.tmpdir()))),
    "filesys.MakeFsInMemory": lambda i: (lambda: FileSystem()),
    "filesys.MakeFsOnDisk": lambda i: (lambda: i.x.disk_fs()),
    "filesys.MakeEmptyDirInMemory": lambda i: (lambda: FileSystem()),
    "filesys.NewTmpConfirmedDir": lambda i: (lambda: (TmpDir(i.x.tmpdir()), None)),
    "filesys.Separator": lambda i: "/",
    "krusty.MakeDefaultOptions": lambda i: (lambda: options()),
    "krusty.MakeKustomizer": lambda i: (lambda o: Kustomizer(i.x, o)),
    "krusty.ReorderOptionLegacy": lambda i: "legacy",
    "krusty.ReorderOptionNone": lambda i: "none",
    "krusty.ReorderOptionUnspecified": lambda i: "unspecified",
    "types.LoadRestrictionsNone": lambda i: "LoadRestrictionsNone",
    "types.LoadRestrictionsRootOnly": lambda i: "LoadRestrictionsRootOnly",
    "types.PluginRestrictionsNone": lambda i: "none",
    "types.BploLoadFromFileSys": lambda i: "loadFromFileSys",
    "types.EnabledPluginConfig": lambda i: (lambda b: options(True).fields["PluginConfig"]),
    "types.DisabledPluginConfig": lambda i: (lambda: options().fields["PluginConfig"]),
    "assert.Contains": lambda i: _assert_contains(i.x),
    "assert.Equal": lambda i: _assert_equal(i.x),
    "require.Equal": lambda i: _assert_equal(i.x),
    "assert.EqualError": lambda i: _error_contains(i.x),
    "require.ErrorContains": lambda i: _error_contains(i.x),
    "assert.ErrorContains": lambda i: _error_contains(i.x),
    "require.Error": lambda i: _require_error(i.x, True),
    "assert.Error": lambda i: _require_error(i.x, True),
    "require.ErrorIs": lambda i: _require_error(i.x, True),
    "require.NoError": lambda i: _require_error(i.x, False),
    "assert.NoError": lambda i: _require_error(i.x, False),
    "require.Regexp": lambda i: _regexp(i.x),
    "assert.Regexp": lambda i: _regexp(i.x),
    "assert.True": lambda i: (lambda *a: None),
    "require.True": lambda i: (lambda *a: None),
}


# ---------------------------------------------------------------- the extraction

def go_subtest_name(name):
    return re.sub(r"\s", "_", name)


class Extractor:
    def __init__(self, source_dir, plugin_dir):
        self.source_dir = source_dir
        self.plugin_dir = plugin_dir
        self.cases = []
        self.problems = []   # (test name, reason)
        self.skipped = []    # (test name, message)
        self.current = None
        self.counts = {}
        self.tmp = 0
        self.exec_plugins = set()
        self.setup_scripts = []
        self.consts_dir = ""

    def harness(self, t, fs, root="/"):
        self.current = t
        return Harness(self, t, fs, root)

    def disk_fs(self):
        return FileSystem()

    def kust_dir(self, content):
        fs = FileSystem()
        tmp = TmpDir(self.tmpdir())
        fs.write(posixpath.join(tmp.path, "kustomization.yaml"), content)
        return fs, tmp

    def legacy_configs(self):
        """Kustomize's built-in field specs, as WriteLegacyConfigs writes them (map order: sorted)."""
        consts = Interpreter(self, self.consts_dir)
        consts.load(sorted(glob.glob(os.path.join(self.consts_dir, "*.go"))))
        specs = consts.call_func(consts.globals.get("GetDefaultFieldSpecsAsMap"), [])
        return "".join(specs[k] for k in sorted(specs))

    def tmpdir(self):
        self.tmp += 1
        return f"/tmp/kust-test-{self.tmp}"

    def chmod(self, path, mode):
        for case_fs in self.live_fs:
            case_fs.chmod(path, mode)

    def exec_plugin(self, harness, group, version, kind):
        self.exec_plugins.add((group, version, kind))
        harness.exec_plugin = (group, version, kind)
        return harness

    def record(self, t, fs, path, opts, expect_error):
        self.current = t
        n = self.counts.get(t.name, 0) + 1
        self.counts[t.name] = n
        case = Case(t.name if n == 1 else f"{t.name}/run-{n}", fs, path, opts, expect_error)
        if n == 2:
            first = next(c for c in self.cases if c.name == t.name)
            first.name = t.name + "/run-1"
        case.exec_plugins = sorted(self.exec_plugins)
        case.setup_scripts = list(self.setup_scripts)
        self.cases.append(case)
        return case

    def expect(self, m, expected):
        if isinstance(m, ResMap) and not isinstance(expected, Opaque):
            m.case.expected = expected
            m.case.expect_error = False

    def error_phrase(self, case, phrase):
        if case is None:
            return
        case.expect_error = True
        if not isinstance(phrase, Opaque):
            case.error_contains.append(phrase)

    def subtest(self, parent, name, fn):
        child = T(self, parent.name + "/" + go_subtest_name(name))
        self.run_test(child, lambda: fn(child))
        return True

    def run_test(self, t, body):
        saved = self.current
        self.current = t
        try:
            body()
        except Fatal:
            pass
        except Skip as s:
            self.skipped.append((t.name, s.message))
        except GoError as e:
            self.problems.append((t.name, str(e)))
        except RecursionError:
            self.problems.append((t.name, "recursion"))
        except Exception as e:  # a construct the interpreter gets wrong: say which
            self.problems.append((t.name, f"interpreter: {type(e).__name__}: {e}"))
        finally:
            self.current = saved

    def run(self, files):
        interp = Interpreter(self, self.source_dir)
        interp.load(files)
        self.live_fs = []
        orig_write = FileSystem.write
        extractor = self

        def tracking_write(fs, path, content):
            if fs not in extractor.live_fs:
                extractor.live_fs.append(fs)
            orig_write(fs, path, content)
        FileSystem.write = tracking_write
        tests = sorted(n for n in interp.globals.vars if n.startswith("Test"))
        for name in tests:
            fn = interp.globals.vars[name]
            t = T(self, name)
            self.exec_plugins = set()
            self.setup_scripts = []
            self.live_fs = []
            self.run_test(t, lambda: fn(t))
        return tests


FAKE_TMP = re.compile(r"/tmp/kust-test-\d+")


def realize_setup(extractor, out, case, done):
    """Runs a case's setup scripts (Git repositories made by the remote-loading tests) in real
    directories under OUT/_remote, and returns the mapping of the fake temporary paths to them."""
    mapping = {}
    for script in case.setup_scripts:
        for fake in FAKE_TMP.findall(script):
            mapping[fake] = os.path.join(os.path.abspath(out), "_remote", fake.rsplit("/", 1)[1])
    for script in case.setup_scripts:
        real = script
        for fake, path in mapping.items():
            real = real.replace(fake, path)
        if real in done:
            continue
        done.add(real)
        for path in mapping.values():
            os.makedirs(path, exist_ok=True)
        home = os.path.join(os.path.abspath(out), "_home")
        os.makedirs(home, exist_ok=True)
        env = dict(os.environ, HOME=home, GIT_CONFIG_GLOBAL=os.path.join(home, ".gitconfig"), LC_ALL="C")
        import subprocess
        result = subprocess.run(["sh", "-c", real], cwd=extractor.source_dir, env=env,
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"setup of {case.name} failed:\n{result.stdout}{result.stderr}")
    return mapping


def write_cases(extractor, out, tests):
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)
    index = {"tests": tests, "cases": [], "notExtracted": [], "skippedUpstream": []}
    done = set()
    for case in extractor.cases:
        mapping = realize_setup(extractor, out, case, done) if case.setup_scripts else {}
        for path, entry in case.files.items():
            if isinstance(entry[0], str):
                for fake, real in mapping.items():
                    entry[0] = entry[0].replace(fake, real)
        dir_ = os.path.join(out, *case.name.split("/"))
        if os.path.exists(os.path.join(dir_, "case.json")):
            raise SystemExit(f"two cases named {case.name}")
        fs_dir = os.path.join(dir_, "fs")
        os.makedirs(fs_dir, exist_ok=True)
        for d in case.dirs:
            os.makedirs(fs_dir + d, exist_ok=True)
        for path, (content, mode) in case.files.items():
            target = fs_dir + path
            if os.path.isdir(target):
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as f:
                f.write(content if isinstance(content, bytes) else content.encode())
            os.chmod(target, 0o755 if mode & 0o111 else 0o644)
        build = case.path.lstrip("/") or "."
        meta = {
            "name": case.name,
            "build": build,
            "options": options_json(case.options),
            "execPlugins": [list(p) for p in case.exec_plugins],
            "goExpectsError": case.expect_error,
            "goExpected": case.expected,
            "goErrorContains": [p for p in case.error_contains if isinstance(p, str)],
            "goErrorRegexp": [p for p in case.error_regexp if isinstance(p, str)],
        }
        with open(os.path.join(dir_, "case.json"), "w", encoding="utf-8") as f:
            json.dump(meta, f, indent=1)
        index["cases"].append(case.name)
    with_cases = {c.name.split("/")[0] for c in extractor.cases}
    for name, reason in extractor.problems:
        index["notExtracted"].append({"test": name, "reason": reason})
    for name, message in extractor.skipped:
        index["skippedUpstream"].append({"test": name, "reason": message})
    for name in tests:
        if name not in with_cases and not any(p["test"].split("/")[0] == name for p in index["notExtracted"]) \
                and not any(s["test"].split("/")[0] == name for s in index["skippedUpstream"]):
            index["notExtracted"].append({"test": name, "reason": "runs no build"})
    with open(os.path.join(out, "index.json"), "w", encoding="utf-8") as f:
        json.dump(index, f, indent=1)
    return index


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    checkout, out = sys.argv[1], sys.argv[2]
    source_dir = os.path.join(checkout, "api", "krusty")
    files = sorted(glob.glob(os.path.join(source_dir, "*_test.go")))
    extractor = Extractor(source_dir, os.path.join(checkout, "plugin"))
    extractor.consts_dir = os.path.join(checkout, "api", "internal", "konfig", "builtinpluginconsts")
    sys.setrecursionlimit(10000)
    tests = extractor.run(files)
    index = write_cases(extractor, out, tests)
    print(f"{len(tests)} test functions, {len(index['cases'])} cases extracted, "
          f"{len(index['notExtracted'])} not extracted, {len(index['skippedUpstream'])} skipped upstream")
    for p in index["notExtracted"]:
        print(f"  not extracted: {p['test']}: {p['reason']}")
    for p in index["skippedUpstream"]:
        print(f"  skipped upstream: {p['test']}: {p['reason']}")


if __name__ == "__main__":
    main()

"""A lexer and parser for the subset of Go that Kustomize's krusty tests are written in.

Only what the extractor needs: declarations, statements and expressions are parsed into plain
tuples (node kind first); types are parsed far enough to know struct fields and zero values.
"""

import re

KEYWORDS = {
    "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for",
    "func", "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select",
    "struct", "switch", "type", "var",
}

OPERATORS = sorted("""
<<= >>= &^= ... && || <- ++ -- == != <= >= := += -= *= /= %= &= |= ^= << >> &^
+ - * / % & | ^ < > = ! ( ) [ ] { } , ; . : ~
""".split(), key=len, reverse=True)

TOKEN = re.compile(r"""
    (?P<ws>[ \t\r]+)
  | (?P<nl>\n)
  | (?P<lcomment>//[^\n]*)
  | (?P<bcomment>/\*.*?\*/)
  | (?P<raw>`[^`]*`)
  | (?P<str>"(?:[^"\\\n]|\\.)*")
  | (?P<rune>'(?:[^'\\\n]|\\.[^']*)')
  | (?P<num>0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))
  | (?P<ident>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<op>""" + "|".join(re.escape(o) for o in OPERATORS) + r""")
""", re.S | re.X)

SEMI_AFTER = {"ident", "raw", "str", "rune", "num"}
SEMI_AFTER_WORDS = {"break", "continue", "fallthrough", "return", "++", "--", ")", "]", "}"}


class Tok:
    __slots__ = ("kind", "text", "line")

    def __init__(self, kind, text, line):
        self.kind, self.text, self.line = kind, text, line

    def __repr__(self):
        return f"{self.kind}:{self.text!r}@{self.line}"


def lex(source):
    """Go's tokens with automatic semicolon insertion."""
    tokens = []
    pos, line = 0, 1

    def needs_semi():
        if not tokens:
            return False
        last = tokens[-1]
        if last.kind == "op":
            return last.text in SEMI_AFTER_WORDS
        if last.kind == "ident" and last.text in KEYWORDS:
            return last.text in SEMI_AFTER_WORDS
        return last.kind in SEMI_AFTER

    while pos < len(source):
        m = TOKEN.match(source, pos)
        if not m:
            raise SyntaxError(f"line {line}: cannot read {source[pos:pos + 20]!r}")
        kind = m.lastgroup
        text = m.group()
        if kind == "nl" or (kind == "bcomment" and "\n" in text):
            if needs_semi():
                tokens.append(Tok("op", ";", line))
        elif kind in ("ws", "lcomment", "bcomment"):
            pass
        else:
            tokens.append(Tok(kind, text, line))
        line += text.count("\n")
        pos = m.end()
    if needs_semi():
        tokens.append(Tok("op", ";", line))
    tokens.append(Tok("eof", "", line))
    return tokens


ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "a": "\a", "b": "\b",
           "f": "\f", "v": "\v"}


def unquote(text):
    if text.startswith("`"):
        return text[1:-1].replace("\r", "")
    body = text[1:-1]
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        n = body[i + 1]
        if n in ESCAPES:
            out.append(ESCAPES[n])
            i += 2
        elif n == "x":
            out.append(chr(int(body[i + 2:i + 4], 16)))
            i += 4
        elif n == "u":
            out.append(chr(int(body[i + 2:i + 6], 16)))
            i += 6
        elif n == "U":
            out.append(chr(int(body[i + 2:i + 10], 16)))
            i += 10
        else:
            out.append(chr(int(body[i + 1:i + 4], 8)))
            i += 4
    return "".join(out)


PRECEDENCE = {"||": 1, "&&": 2, "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3,
              "+": 4, "-": 4, "|": 4, "^": 4, "*": 5, "/": 5, "%": 5, "<<": 5, ">>": 5, "&": 5,
              "&^": 5}

ASSIGN_OPS = {"=", ":=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "&^="}


class Parser:
    def __init__(self, tokens):
        self.toks = tokens
        self.i = 0
        self.no_lit = 0  # > 0 inside if/for/switch headers: `x {` starts a block

    # -- helpers
    @property
    def tok(self):
        return self.toks[self.i]

    def peek(self, k=1):
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def at(self, text):
        t = self.tok
        return t.kind in ("op", "ident") and t.text == text

    def next(self):
        t = self.toks[self.i]
        self.i += 1
        return t

    def expect(self, text):
        if not self.at(text):
            raise SyntaxError(f"line {self.tok.line}: expected {text!r}, found {self.tok.text!r}")
        return self.next()

    def accept(self, text):
        if self.at(text):
            self.i += 1
            return True
        return False

    def ident(self):
        t = self.next()
        if t.kind != "ident":
            raise SyntaxError(f"line {t.line}: expected a name, found {t.text!r}")
        return t.text

    def skip_semis(self):
        while self.accept(";"):
            pass

    # -- files
    def file(self):
        decls = []
        self.skip_semis()
        self.expect("package")
        self.ident()
        self.skip_semis()
        while self.tok.kind != "eof":
            if self.at("import"):
                self.next()
                if self.accept("("):
                    while not self.accept(")"):
                        self.next()
                else:
                    while not self.at(";"):
                        self.next()
            elif self.at("func"):
                decls.append(self.func_decl())
            elif self.at("var") or self.at("const"):
                decls.append(self.gen_decl())
            elif self.at("type"):
                decls.append(self.type_decl())
            else:
                raise SyntaxError(f"line {self.tok.line}: unexpected {self.tok.text!r}")
            self.skip_semis()
        return decls

    def func_decl(self):
        line = self.expect("func").line
        receiver = None
        if self.at("("):
            receiver = self.params()
        name = self.ident()
        params = self.params()
        results = self.results()
        body = self.block() if self.at("{") else None
        return ("funcdecl", name, params, body, receiver, line, results)

    def params(self):
        """Parameter names and types: entries split at top-level commas; an entry of one name
        followed later by a named entry shares that entry's type (`a, b string`)."""
        self.expect("(")
        entries = []
        depth = 0
        begin = self.i
        while True:
            t = self.tok
            if t.kind == "op" and t.text in ("(", "[", "{"):
                depth += 1
            elif t.kind == "op" and t.text in (")", "]", "}"):
                if depth == 0:
                    if self.i > begin:
                        entries.append((begin, self.i))
                    break
                depth -= 1
            elif t.kind == "op" and t.text == "," and depth == 0:
                entries.append((begin, self.i))
                begin = self.i + 1
            self.next()
        end = self.i
        named = any(self.toks[b].kind == "ident" and e - b >= 2 and self.toks[b + 1].text != "."
                    and self.toks[b].text not in ("func", "map", "chan", "struct", "interface")
                    for b, e in entries)
        result = []
        pending = []
        for b, e in entries:
            if named:
                name = self.toks[b].text
                if e - b == 1:
                    pending.append(name)
                    continue
                self.i = b + 1
                variadic = self.accept("...")
                typ = self.type_()
                for n in pending + [name]:
                    result.append((n, typ, variadic))
                pending = []
            else:
                self.i = b
                variadic = self.accept("...")
                result.append((None, self.type_(), variadic))
        self.i = end
        self.expect(")")
        return result

    def results(self):
        """Named results (name, type), or an empty list."""
        if self.at("("):
            return [(n, t) for n, t, _v in self.params() if n]
        if not self.at("{") and not self.at(";") and not self.at(")") and not self.at(",") \
                and not self.at("}") and not self.at("]") and not self.at("=") and self.tok.kind != "str" \
                and self.tok.kind != "raw":
            self.type_()
        return []

    def gen_decl(self):
        kind = self.next().text
        specs = []
        if self.accept("("):
            self.skip_semis()
            iota = 0
            last = None
            while not self.accept(")"):
                spec = self.value_spec(kind, iota, last)
                if spec[2]:
                    last = spec[2]
                specs.append(spec)
                iota += 1
                self.skip_semis()
        else:
            specs.append(self.value_spec(kind, 0, None))
        return ("decl", kind, specs)

    def value_spec(self, kind, iota, last):
        names = [self.ident()]
        while self.accept(","):
            names.append(self.ident())
        typ = None
        if not self.at("=") and not self.at(";") and not self.at(")"):
            typ = self.type_()
        values = []
        if self.accept("="):
            values = self.expr_list()
        elif kind == "const" and last:
            values = last
        return (names, typ, values, iota)

    def type_decl(self):
        self.expect("type")
        specs = []
        if self.accept("("):
            self.skip_semis()
            while not self.accept(")"):
                name = self.ident()
                self.accept("=")
                specs.append((name, self.type_()))
                self.skip_semis()
        else:
            name = self.ident()
            self.accept("=")
            specs.append((name, self.type_()))
        return ("typedecl", specs)

    # -- types
    def type_(self):
        t = self.tok
        if self.accept("("):
            typ = self.type_()
            self.expect(")")
            return typ
        if self.accept("*"):
            return ("ptr", self.type_())
        if self.accept("["):
            if self.accept("]"):
                return ("slice", self.type_())
            if self.accept("..."):
                self.expect("]")
                return ("array", None, self.type_())
            n = self.expr()
            self.expect("]")
            return ("array", n, self.type_())
        if self.accept("map"):
            self.expect("[")
            k = self.type_()
            self.expect("]")
            return ("map", k, self.type_())
        if self.accept("chan"):
            self.accept("<-")
            return ("chan", self.type_())
        if self.at("<-"):
            self.next()
            self.expect("chan")
            return ("chan", self.type_())
        if self.accept("func"):
            self.params()
            self.results()
            return ("functype",)
        if self.accept("interface"):
            self.expect("{")
            depth = 1
            while depth:
                t = self.next()
                depth += {"{": 1, "}": -1}.get(t.text, 0) if t.kind == "op" else 0
            return ("interface",)
        if self.accept("struct"):
            self.expect("{")
            fields = []
            self.skip_semis()
            while not self.accept("}"):
                if self.tok.kind == "ident" and self.peek().text in (";", "}", "."):
                    typ = self.type_()
                    fname = typ[1] if typ[0] == "name" else typ[2]
                    fields.append((fname, typ))
                elif self.at("*"):
                    typ = self.type_()
                    fields.append((typ[1][-1] if isinstance(typ[1], tuple) else "embedded", typ))
                else:
                    names = [self.ident()]
                    while self.accept(","):
                        names.append(self.ident())
                    typ = self.type_()
                    for n in names:
                        fields.append((n, typ))
                if self.tok.kind in ("str", "raw"):
                    self.next()
                self.skip_semis()
            return ("struct", fields)
        if t.kind == "ident":
            self.next()
            if self.accept("."):
                return ("qualified", t.text, self.ident())
            return ("name", t.text)
        raise SyntaxError(f"line {t.line}: expected a type, found {t.text!r}")

    # -- statements
    def block(self):
        self.expect("{")
        stmts = []
        self.skip_semis()
        while not self.accept("}"):
            stmts.append(self.stmt())
            self.skip_semis()
        return ("block", stmts)

    def stmt(self):
        t = self.tok
        line = t.line
        if t.kind == "ident":
            kw = t.text
            if kw in ("var", "const"):
                return self.gen_decl()
            if kw == "type":
                return self.type_decl()
            if kw == "if":
                return self.if_stmt()
            if kw == "for":
                return self.for_stmt()
            if kw == "switch":
                return self.switch_stmt()
            if kw == "return":
                self.next()
                values = [] if self.at(";") or self.at("}") else self.expr_list()
                return ("return", values, line)
            if kw == "break" or kw == "continue":
                self.next()
                label = self.ident() if self.tok.kind == "ident" else None
                return (kw, label)
            if kw == "defer" or kw == "go":
                self.next()
                return ("defer", self.expr())
            if kw == "goto" or kw == "fallthrough":
                self.next()
                if kw == "goto":
                    self.ident()
                return ("nop",)
            if self.peek().text == ":" and self.peek().kind == "op" and kw not in KEYWORDS:
                self.next()
                self.next()
                self.skip_semis()
                if self.at("}"):
                    return ("nop",)
                return self.stmt()
        if self.at("{"):
            return self.block()
        return self.simple_stmt()

    def simple_stmt(self):
        line = self.tok.line
        lhs = self.expr_list()
        t = self.tok
        if t.kind == "op" and t.text in ASSIGN_OPS:
            self.next()
            if self.at("range"):
                self.next()
                return ("range", lhs, t.text == ":=", self.expr(), line)
            return ("assign", lhs, t.text, self.expr_list(), line)
        if t.kind == "op" and t.text in ("++", "--"):
            self.next()
            return ("assign", lhs, "+=" if t.text == "++" else "-=", [("lit", 1)], line)
        if t.kind == "op" and t.text == "<-":
            self.next()
            self.expr()
            return ("nop",)
        return ("expr", lhs[0], line)

    def if_stmt(self):
        line = self.expect("if").line
        self.no_lit += 1
        init = None
        s = self.simple_stmt()
        if self.accept(";"):
            init = s
            cond = self.expr()
        else:
            cond = s[1]
        self.no_lit -= 1
        then = self.block()
        other = None
        if self.accept("else"):
            other = self.if_stmt() if self.at("if") else self.block()
        return ("if", init, cond, then, other, line)

    def for_stmt(self):
        line = self.expect("for").line
        if self.at("{"):
            return ("for", None, None, None, self.block(), line)
        self.no_lit += 1
        if self.at("range"):
            self.next()
            over = self.expr()
            self.no_lit -= 1
            return ("rangefor", [], False, over, self.block(), line)
        init = cond = post = None
        if not self.at(";"):
            s = self.simple_stmt()
            if s[0] == "range":
                self.no_lit -= 1
                return ("rangefor", s[1], s[2], s[3], self.block(), line)
            if self.at("{"):
                self.no_lit -= 1
                return ("for", None, s[1], None, self.block(), line)
            init = s
        self.expect(";")
        if not self.at(";"):
            cond = self.expr()
        self.expect(";")
        if not self.at("{"):
            post = self.simple_stmt()
        self.no_lit -= 1
        return ("for", init, cond, post, self.block(), line)

    def switch_stmt(self):
        line = self.expect("switch").line
        self.no_lit += 1
        init = tag = None
        if not self.at("{"):
            s = self.simple_stmt()
            if self.accept(";"):
                init = s
                if not self.at("{"):
                    tag = self.simple_stmt()
            else:
                tag = s
        self.no_lit -= 1
        self.expect("{")
        clauses = []
        self.skip_semis()
        while not self.accept("}"):
            if self.accept("default"):
                exprs = None
            else:
                self.expect("case")
                exprs = self.expr_list()
            self.expect(":")
            body = []
            self.skip_semis()
            while not (self.at("case") or self.at("default") or self.at("}")):
                body.append(self.stmt())
                self.skip_semis()
            clauses.append((exprs, ("block", body)))
        tag_expr = tag[1] if tag and tag[0] == "expr" else tag
        return ("switch", init, tag_expr, clauses, line)

    # -- expressions
    def expr_list(self):
        exprs = [self.expr()]
        while self.accept(","):
            exprs.append(self.expr())
        return exprs

    def expr(self, prec=1):
        left = self.unary()
        while True:
            t = self.tok
            p = PRECEDENCE.get(t.text) if t.kind == "op" else None
            if p is None or p < prec:
                return left
            self.next()
            right = self.expr(p + 1)
            left = ("binary", t.text, left, right)

    def unary(self):
        t = self.tok
        if t.kind == "op" and t.text in ("!", "-", "+", "^", "&", "*", "<-"):
            self.next()
            operand = self.unary()
            return ("unary", t.text, operand)
        return self.primary()

    def primary(self):
        x = self.operand()
        while True:
            if self.at("."):
                self.next()
                if self.accept("("):
                    if self.accept("type"):
                        self.expect(")")
                        x = ("typeswitch", x)
                    else:
                        typ = self.type_()
                        self.expect(")")
                        x = ("assert", x, typ)
                else:
                    x = ("sel", x, self.ident())
            elif self.at("["):
                self.next()
                self.no_lit_push()
                lo = hi = None
                if not self.at(":"):
                    lo = self.expr()
                if self.accept(":"):
                    if not self.at("]"):
                        hi = self.expr()
                    self.no_lit_pop()
                    self.expect("]")
                    x = ("slice", x, lo, hi)
                else:
                    self.no_lit_pop()
                    self.expect("]")
                    x = ("index", x, lo)
            elif self.at("("):
                self.next()
                self.no_lit_push()
                args = []
                spread = False
                while not self.at(")"):
                    if self._type_start() and not args:
                        args.append(self.expr_or_type())
                    else:
                        args.append(self.expr())
                    if self.accept("..."):
                        spread = True
                    if not self.accept(","):
                        break
                self.no_lit_pop()
                self.expect(")")
                x = ("call", x, args, spread)
            elif self.at("{") and self.no_lit == 0 and self._literal_type(x):
                x = ("composite", x, self.literal_value())
            else:
                return x

    def no_lit_push(self):
        self._saved = getattr(self, "_saved", [])
        self._saved.append(self.no_lit)
        self.no_lit = 0

    def no_lit_pop(self):
        self.no_lit = self._saved.pop()

    def _type_start(self):
        return self.at("[") or self.at("map") or self.at("struct") or self.at("chan") or self.at("interface")

    def expr_or_type(self):
        if self._type_start():
            typ = self.type_()
            if self.at("{"):
                return self.primary_from(("type", typ))
            return ("type", typ)
        return self.expr()

    def primary_from(self, x):
        return ("composite", x, self.literal_value())

    @staticmethod
    def _literal_type(x):
        return x[0] in ("ident", "type") or (x[0] == "sel" and x[1][0] == "ident")

    def literal_value(self):
        self.expect("{")
        self.no_lit_push()
        elements = []
        self.skip_semis()
        while not self.at("}"):
            if self.at("{"):
                key = ("lit_value", self.literal_value())
            else:
                key = self.expr()
            if self.accept(":"):
                if self.at("{"):
                    value = ("lit_value", self.literal_value())
                else:
                    value = self.expr()
                elements.append((key, value))
            else:
                elements.append((None, key))
            if not self.accept(","):
                self.skip_semis()
                break
            self.skip_semis()
        self.skip_semis()
        self.no_lit_pop()
        self.expect("}")
        return elements

    def operand(self):
        t = self.tok
        if t.kind in ("str", "raw"):
            self.next()
            return ("lit", unquote(t.text))
        if t.kind == "rune":
            self.next()
            return ("lit", ord(unquote('"' + t.text[1:-1] + '"')))
        if t.kind == "num":
            self.next()
            text = t.text.replace("_", "")
            if re.fullmatch(r"0[xX][0-9a-fA-F]+", text):
                return ("lit", int(text, 16))
            if re.fullmatch(r"0[oO]?[0-7]+", text) and len(text) > 1:
                return ("lit", int(text.lstrip("0oO") or "0", 8))
            if re.fullmatch(r"\d+", text):
                return ("lit", int(text))
            return ("lit", float(text))
        if self.at("("):
            self.next()
            self.no_lit_push()
            x = self.expr_or_type()
            self.no_lit_pop()
            self.expect(")")
            return ("paren", x)
        if self.at("func"):
            line = self.next().line
            params = self.params()
            results = self.results()
            if self.at("{"):
                self.no_lit_push()
                body = self.block()
                self.no_lit_pop()
                return ("funclit", params, body, line, results)
            return ("type", ("functype",))
        if self._type_start():
            typ = self.type_()
            if self.at("{"):
                return ("composite", ("type", typ), self.literal_value())
            return ("type", typ)
        if self.at("*"):
            self.next()
            return ("unary", "*", self.unary())
        if t.kind == "ident":
            self.next()
            return ("ident", t.text)
        raise SyntaxError(f"line {t.line}: unexpected {t.text!r}")


def parse(source):
    return Parser(lex(source)).file()

package dev.portablefunctions.processor;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the build-time function index: for each package of the compilation that holds functions, a
 * class {@code PortableFunctionIndex} implementing {@code dev.portablefunctions.spi.FunctionIndex},
 * listed in {@code META-INF/services}. No annotation is needed: every concrete class that
 * implements one of the four function interfaces is a function.
 *
 * <p>An index class never shadows another: when {@code PortableFunctionIndex} already exists in the
 * package (for instance the main classes' index, on the classpath of a test compilation with
 * functions in the same package), the index takes the next free name, {@code
 * PortableFunctionIndex2}, {@code PortableFunctionIndex3} and so on. Each output directory lists
 * its own indexes in its service file, and {@link java.util.ServiceLoader} reads them all.
 *
 * <p>The index source is written in the round that finds the functions, so that javac compiles it
 * as usual; a later round that finds more functions (in sources another processor generated) adds
 * an index class for those. Only the service file, which lists every index class of the
 * compilation, is written in the last round.
 *
 * <p>Errors at compile time, with the offending class: a function that implements several shapes,
 * leaves a type argument open, takes an unsupported event type, has no accessible no-argument
 * constructor, has an invalid name, or shares its name with another.
 */
public final class FunctionIndexProcessor extends AbstractProcessor {

  static final String GENERATED_SIMPLE_NAME = "PortableFunctionIndex";
  private static final String SERVICE_FILE =
      "META-INF/services/dev.portablefunctions.spi.FunctionIndex";
  private static final String API = "dev.portablefunctions.";
  private static final String ANNOTATION = API + "PortableFunction";

  private Elements elements;
  private Types types;
  private Messager messager;
  private Filer filer;

  /** Functions found but not indexed yet (this round's), by package, each package's by name. */
  private final Map<String, Map<String, Found>> byPackage = new TreeMap<>();

  /** Every function found in this compilation: its class's binary name, by function name. */
  private final Map<String, String> classByName = new LinkedHashMap<>();

  /** The index classes generated in this compilation, in order. */
  private final List<String> generated = new ArrayList<>();

  private static final class Found {
    final String name;
    final String kind;
    final String className;
    final String sourceName;
    final String inputType;

    Found(String name, String kind, String className, String sourceName, String inputType) {
      this.name = name;
      this.kind = kind;
      this.className = className;
      this.sourceName = sourceName;
      this.inputType = inputType;
    }
  }

  /** Creates the processor; javac calls this. */
  public FunctionIndexProcessor() {}

  @Override
  public synchronized void init(ProcessingEnvironment environment) {
    super.init(environment);
    elements = environment.getElementUtils();
    types = environment.getTypeUtils();
    messager = environment.getMessager();
    filer = environment.getFiler();
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (elements.getTypeElement(API + "HttpFunction") == null) {
      return false;
    }
    for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
      visit(type);
    }
    // Sources are written in the round that found the functions, so that the next round compiles
    // them like any other (javac has no root elements in the last round, so nothing is left).
    writeIndexes();
    if (round.processingOver()) {
      writeServiceFile();
    }
    return false;
  }

  private void visit(TypeElement type) {
    for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
      visit(nested);
    }
    boolean enumType = type.getKind() == ElementKind.ENUM;
    boolean classOrRecord =
        type.getKind() == ElementKind.CLASS || type.getKind().name().equals("RECORD");
    if (!(classOrRecord || enumType) || type.getModifiers().contains(Modifier.ABSTRACT)) {
      return;
    }
    List<String> shapes = new ArrayList<>();
    DeclaredType typed = supertype(type, "TypedFunction");
    DeclaredType event = supertype(type, "EventFunction");
    if (supertype(type, "HttpFunction") != null) {
      shapes.add("HTTP");
    }
    if (typed != null) {
      shapes.add("TYPED");
    }
    if (event != null) {
      shapes.add("EVENT");
    }
    if (supertype(type, "MessageFunction") != null) {
      shapes.add("MESSAGE");
    }
    if (shapes.isEmpty()) {
      return;
    }
    if (enumType) {
      error(type, "An enum cannot be a function: the adapter creates the instance; use a class.");
      return;
    }
    if (shapes.size() > 1) {
      error(
          type,
          "A function implements exactly one function interface; this one implements " + shapes);
      return;
    }
    if (!checkInstantiable(type)) {
      return;
    }
    String kind = shapes.get(0);
    String inputType = null;
    if (typed != null) {
      TypeMirror argument =
          typed.getTypeArguments().isEmpty() ? null : typed.getTypeArguments().get(0);
      inputType = argument == null ? null : canonical(argument);
      if (inputType == null) {
        error(
            type,
            "Cannot determine the input type of this TypedFunction: implement it with concrete type"
                + " arguments, such as TypedFunction<Order, Receipt>.");
        return;
      }
    }
    if (event != null) {
      TypeMirror argument =
          event.getTypeArguments().isEmpty() ? null : event.getTypeArguments().get(0);
      String eventType = argument == null ? "" : types.erasure(argument).toString();
      if (eventType.equals(API + "StorageEvent")) {
        kind = "STORAGE";
      } else if (eventType.equals(API + "ScheduleEvent")) {
        kind = "SCHEDULE";
      } else if (eventType.equals("io.cloudevents.CloudEvent")) {
        kind = "CLOUD_EVENT";
      } else {
        error(
            type,
            "EventFunction takes StorageEvent, ScheduleEvent or io.cloudevents.CloudEvent, not "
                + (argument == null ? "a raw type" : argument));
        return;
      }
    }
    String name = explicitName(type);
    if (name == null) {
      name = Names.kebabCase(type.getSimpleName().toString());
    }
    if (!Names.isValid(name)) {
      error(type, "Invalid function name '" + name + "': use " + Names.rule() + ".");
      return;
    }
    String className = elements.getBinaryName(type).toString();
    String clash = classByName.putIfAbsent(name, className);
    if (clash != null && !clash.equals(className)) {
      error(
          type,
          "Two functions are named '"
              + name
              + "': "
              + clash
              + " and "
              + className
              + ". Rename one with @PortableFunction(\"...\").");
      return;
    }
    String packageName = elements.getPackageOf(type).getQualifiedName().toString();
    String sourceName = type.getQualifiedName().toString();
    byPackage
        .computeIfAbsent(packageName, p -> new TreeMap<>())
        .put(name, new Found(name, kind, className, sourceName, inputType));
  }

  private DeclaredType supertype(TypeElement type, String simpleName) {
    TypeElement wanted = elements.getTypeElement(API + simpleName);
    if (wanted == null) {
      return null;
    }
    List<TypeMirror> queue = new ArrayList<>();
    queue.add(type.asType());
    for (int i = 0; i < queue.size(); i++) {
      TypeMirror current = queue.get(i);
      if (current.getKind() == TypeKind.DECLARED
          && types.isSameType(types.erasure(current), types.erasure(wanted.asType()))) {
        return (DeclaredType) current;
      }
      queue.addAll(types.directSupertypes(current));
    }
    return null;
  }

  private boolean checkInstantiable(TypeElement type) {
    if (type.getNestingKind() == NestingKind.MEMBER
        && !type.getModifiers().contains(Modifier.STATIC)) {
      error(type, "A function class nested in another class must be static.");
      return false;
    }
    if (type.getNestingKind() == NestingKind.LOCAL
        || type.getNestingKind() == NestingKind.ANONYMOUS) {
      return false;
    }
    if (type.getModifiers().contains(Modifier.PRIVATE) || enclosedByPrivate(type)) {
      error(type, "A function class must not be private.");
      return false;
    }
    List<ExecutableElement> constructors = ElementFilter.constructorsIn(type.getEnclosedElements());
    boolean ok =
        constructors.stream()
            .anyMatch(
                c -> c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE));
    if (!ok) {
      error(
          type,
          "A function needs a non-private constructor without parameters; build what it needs"
              + " there (the adapter creates one instance per process).");
    }
    return ok;
  }

  private static boolean enclosedByPrivate(TypeElement type) {
    Element outer = type.getEnclosingElement();
    while (outer instanceof TypeElement) {
      if (outer.getModifiers().contains(Modifier.PRIVATE)) {
        return true;
      }
      outer = outer.getEnclosingElement();
    }
    return false;
  }

  private String explicitName(TypeElement type) {
    for (AnnotationMirror annotation : type.getAnnotationMirrors()) {
      if (annotation.getAnnotationType().toString().equals(ANNOTATION)) {
        for (var entry : annotation.getElementValues().entrySet()) {
          if (entry.getKey().getSimpleName().contentEquals("value")) {
            return String.valueOf(entry.getValue().getValue());
          }
        }
      }
    }
    return null;
  }

  /** Renders a type as Jackson's {@code TypeFactory.constructFromCanonical} reads it, or null. */
  private String canonical(TypeMirror type) {
    switch (type.getKind()) {
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        String raw = elements.getBinaryName((TypeElement) declared.asElement()).toString();
        if (declared.getTypeArguments().isEmpty()) {
          return raw;
        }
        StringBuilder text = new StringBuilder(raw).append('<');
        for (int i = 0; i < declared.getTypeArguments().size(); i++) {
          String argument = canonical(declared.getTypeArguments().get(i));
          if (argument == null) {
            return null;
          }
          text.append(i == 0 ? "" : ",").append(argument);
        }
        return text.append('>').toString();
      case ARRAY:
        TypeMirror component = ((ArrayType) type).getComponentType();
        if (component.getKind().isPrimitive()) {
          return "[" + primitiveDescriptor(component.getKind());
        }
        if (component.getKind() == TypeKind.DECLARED
            && ((DeclaredType) component).getTypeArguments().isEmpty()) {
          return "[L" + canonical(component) + ";";
        }
        return null;
      default:
        return null; // type variables, wildcards, primitives cannot be bound
    }
  }

  private static String primitiveDescriptor(TypeKind kind) {
    switch (kind) {
      case BOOLEAN:
        return "Z";
      case BYTE:
        return "B";
      case SHORT:
        return "S";
      case CHAR:
        return "C";
      case INT:
        return "I";
      case LONG:
        return "J";
      case FLOAT:
        return "F";
      default:
        return "D";
    }
  }

  /** Writes one index class per package for the functions found since the last call. */
  private void writeIndexes() {
    for (Map.Entry<String, Map<String, Found>> entry : byPackage.entrySet()) {
      String packageName = entry.getKey();
      String className = freeIndexName(packageName);
      String simpleName = className.substring(className.lastIndexOf('.') + 1);
      PackageElement packageElement = elements.getPackageElement(packageName);
      try (Writer out =
          filer
              .createSourceFile(
                  className,
                  packageElement == null ? new Element[0] : new Element[] {packageElement})
              .openWriter()) {
        out.write(source(packageName, simpleName, entry.getValue()));
      } catch (IOException e) {
        messager.printMessage(Diagnostic.Kind.ERROR, "Cannot write " + className + ": " + e);
        continue;
      }
      generated.add(className);
    }
    byPackage.clear();
  }

  /**
   * Returns the first of {@code PortableFunctionIndex}, {@code PortableFunctionIndex2}, ... in a
   * package that names no type yet: neither one on the classpath or in the sources nor one this
   * processor generated.
   */
  private String freeIndexName(String packageName) {
    String prefix = packageName.isEmpty() ? "" : packageName + ".";
    for (int number = 1; ; number++) {
      String candidate = prefix + GENERATED_SIMPLE_NAME + (number == 1 ? "" : "" + number);
      if (!generated.contains(candidate) && elements.getTypeElement(candidate) == null) {
        return candidate;
      }
    }
  }

  /** Lists every generated index class in the service file; a resource may be written last. */
  private void writeServiceFile() {
    if (generated.isEmpty()) {
      return;
    }
    try {
      FileObject services = filer.createResource(StandardLocation.CLASS_OUTPUT, "", SERVICE_FILE);
      try (Writer out = services.openWriter()) {
        for (String className : generated) {
          out.write(className + "\n");
        }
      }
    } catch (IOException e) {
      messager.printMessage(Diagnostic.Kind.ERROR, "Cannot write " + SERVICE_FILE + ": " + e);
    }
  }

  private static String source(
      String packageName, String simpleName, Map<String, Found> functions) {
    StringBuilder java = new StringBuilder();
    if (!packageName.isEmpty()) {
      java.append("package ").append(packageName).append(";\n\n");
    }
    java.append(
            "/** The portable functions of this package; generated by portable-api-processor. Do not edit. */\n")
        .append("public final class ")
        .append(simpleName)
        .append(" implements dev.portablefunctions.spi.FunctionIndex {\n\n")
        .append("  /** Creates the index; ServiceLoader calls this. */\n")
        .append("  public ")
        .append(simpleName)
        .append("() {}\n\n")
        .append("  @Override\n")
        .append(
            "  public java.util.List<dev.portablefunctions.spi.FunctionDefinition> functions() {\n")
        .append("    return java.util.List.of(");
    boolean first = true;
    for (Found found : functions.values()) {
      java.append(first ? "\n" : ",\n")
          .append("        dev.portablefunctions.spi.FunctionDefinition.indexed(")
          .append(literal(found.name))
          .append(", dev.portablefunctions.spi.FunctionKind.")
          .append(found.kind)
          .append(", ")
          .append(literal(found.className))
          .append(", ")
          .append(found.inputType == null ? "null" : literal(found.inputType))
          .append(", this)");
      first = false;
    }
    java.append(");\n  }\n\n")
        .append("  @Override\n")
        .append("  public Object newInstance(String name) {\n")
        .append("    switch (name) {\n");
    for (Found found : functions.values()) {
      java.append("      case ")
          .append(literal(found.name))
          .append(":\n        return new ")
          .append(found.sourceName)
          .append("();\n");
    }
    java.append("      default:\n")
        .append(
            "        throw new IllegalArgumentException(\"No function \" + name + \" in \" + getClass().getName());\n")
        .append("    }\n  }\n}\n");
    return java.toString();
  }

  private static String literal(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private void error(Element element, String message) {
    messager.printMessage(Diagnostic.Kind.ERROR, message, element);
  }
}

package dev.portablefunctions.internal;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.KeyDeserializers;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.ValueInstantiators;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * Jackson's {@link JavaTimeModule}, set up only when a {@code java.time} type is first
 * (de)serialized. Registering the real module costs a cold start some 25 to 45 ms of class loading
 * (its serializers, deserializers and key handlers are all created up front); most invocations of
 * most functions never touch {@code java.time}, and those that do pay it once, on first use.
 *
 * <p>It behaves as the real module: on first need it runs {@code JavaTimeModule.setupModule}
 * against a recording context and delegates every lookup for a {@code java.time} type to what the
 * module registered, in registration order. Types outside {@code java.time} never reach the real
 * module. A new Jackson version whose module registers something this class does not know fails
 * loudly on first use rather than behaving differently.
 */
public final class LazyJavaTimeModule extends Module {

  private static final long serialVersionUID = 1L;

  /** Creates the module. */
  public LazyJavaTimeModule() {}

  @Override
  public String getModuleName() {
    return "portable-functions-lazy-java-time";
  }

  @Override
  public Version version() {
    return Version.unknownVersion();
  }

  @Override
  public Object getTypeId() {
    return JavaTimeModule.class.getName(); // registering the real module too is then a no-op
  }

  static boolean isJavaTime(Class<?> type) {
    return type != null && type.getName().startsWith("java.time.");
  }

  @Override
  public void setupModule(SetupContext context) {
    context.addSerializers(new LazySerializers(false));
    context.addKeySerializers(new LazySerializers(true));
    context.addDeserializers(new LazyDeserializers());
    context.addKeyDeserializers(
        (type, config, beanDesc) -> {
          if (!isJavaTime(type.getRawClass())) {
            return null;
          }
          for (KeyDeserializers found : Real.INSTANCE.keyDeserializers) {
            KeyDeserializer deserializer = found.findKeyDeserializer(type, config, beanDesc);
            if (deserializer != null) {
              return deserializer;
            }
          }
          return null;
        });
    context.addValueInstantiators(
        (config, beanDesc, defaultInstantiator) -> {
          if (!isJavaTime(beanDesc.getBeanClass())) {
            return defaultInstantiator;
          }
          ValueInstantiator instantiator = defaultInstantiator;
          for (ValueInstantiators found : Real.INSTANCE.valueInstantiators) {
            instantiator = found.findValueInstantiator(config, beanDesc, instantiator);
          }
          return instantiator;
        });
    context.addBeanSerializerModifier(new LazySerializerModifier());
    context.addBeanDeserializerModifier(new LazyDeserializerModifier());
  }

  /** What the real module registers, recorded once on first need. */
  static final class Real {
    static final Real INSTANCE = new Real();

    final List<Serializers> serializers = new ArrayList<>();
    final List<Serializers> keySerializers = new ArrayList<>();
    final List<Deserializers> deserializers = new ArrayList<>();
    final List<KeyDeserializers> keyDeserializers = new ArrayList<>();
    final List<ValueInstantiators> valueInstantiators = new ArrayList<>();
    final List<BeanSerializerModifier> serializerModifiers = new ArrayList<>();
    final List<BeanDeserializerModifier> deserializerModifiers = new ArrayList<>();

    private Real() {
      SetupContext recorder =
          (SetupContext)
              Proxy.newProxyInstance(
                  LazyJavaTimeModule.class.getClassLoader(),
                  new Class<?>[] {SetupContext.class},
                  (proxy, method, args) -> {
                    switch (method.getName()) {
                      case "addSerializers":
                        serializers.add((Serializers) args[0]);
                        return null;
                      case "addKeySerializers":
                        keySerializers.add((Serializers) args[0]);
                        return null;
                      case "addDeserializers":
                        deserializers.add((Deserializers) args[0]);
                        return null;
                      case "addKeyDeserializers":
                        keyDeserializers.add((KeyDeserializers) args[0]);
                        return null;
                      case "addValueInstantiators":
                        valueInstantiators.add((ValueInstantiators) args[0]);
                        return null;
                      case "addBeanSerializerModifier":
                        serializerModifiers.add((BeanSerializerModifier) args[0]);
                        return null;
                      case "addBeanDeserializerModifier":
                        deserializerModifiers.add((BeanDeserializerModifier) args[0]);
                        return null;
                      default:
                        throw new UnsupportedOperationException(
                            "JavaTimeModule called SetupContext."
                                + method.getName()
                                + ", which LazyJavaTimeModule does not forward");
                    }
                  });
      new JavaTimeModule().setupModule(recorder);
    }
  }

  private static final class LazySerializers extends Serializers.Base {
    private final boolean keys;

    LazySerializers(boolean keys) {
      this.keys = keys;
    }

    @Override
    public JsonSerializer<?> findSerializer(
        SerializationConfig config, JavaType type, BeanDescription beanDesc) {
      if (!isJavaTime(type.getRawClass())) {
        return null;
      }
      for (Serializers found : keys ? Real.INSTANCE.keySerializers : Real.INSTANCE.serializers) {
        JsonSerializer<?> serializer = found.findSerializer(config, type, beanDesc);
        if (serializer != null) {
          return serializer;
        }
      }
      return null;
    }
  }

  private static final class LazyDeserializers extends Deserializers.Base {
    @Override
    public JsonDeserializer<?> findBeanDeserializer(
        JavaType type, DeserializationConfig config, BeanDescription beanDesc)
        throws JsonMappingException {
      if (!isJavaTime(type.getRawClass())) {
        return null;
      }
      for (Deserializers found : Real.INSTANCE.deserializers) {
        JsonDeserializer<?> deserializer = found.findBeanDeserializer(type, config, beanDesc);
        if (deserializer != null) {
          return deserializer;
        }
      }
      return null;
    }

    @Override
    public JsonDeserializer<?> findEnumDeserializer(
        Class<?> type, DeserializationConfig config, BeanDescription beanDesc)
        throws JsonMappingException {
      if (!isJavaTime(type)) {
        return null;
      }
      for (Deserializers found : Real.INSTANCE.deserializers) {
        JsonDeserializer<?> deserializer = found.findEnumDeserializer(type, config, beanDesc);
        if (deserializer != null) {
          return deserializer;
        }
      }
      return null;
    }

    @Override
    public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
      if (!isJavaTime(valueType)) {
        return false;
      }
      for (Deserializers found : Real.INSTANCE.deserializers) {
        if (found.hasDeserializerFor(config, valueType)) {
          return true;
        }
      }
      return false;
    }
  }

  private static final class LazySerializerModifier extends BeanSerializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public JsonSerializer<?> modifyEnumSerializer(
        SerializationConfig config,
        JavaType valueType,
        BeanDescription beanDesc,
        JsonSerializer<?> serializer) {
      if (!isJavaTime(valueType.getRawClass())) {
        return serializer;
      }
      JsonSerializer<?> result = serializer;
      for (BeanSerializerModifier modifier : Real.INSTANCE.serializerModifiers) {
        result = modifier.modifyEnumSerializer(config, valueType, beanDesc, result);
      }
      return result;
    }

    @Override
    public JsonSerializer<?> modifySerializer(
        SerializationConfig config, BeanDescription beanDesc, JsonSerializer<?> serializer) {
      if (!isJavaTime(beanDesc.getBeanClass())) {
        return serializer;
      }
      JsonSerializer<?> result = serializer;
      for (BeanSerializerModifier modifier : Real.INSTANCE.serializerModifiers) {
        result = modifier.modifySerializer(config, beanDesc, result);
      }
      return result;
    }
  }

  private static final class LazyDeserializerModifier extends BeanDeserializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public JsonDeserializer<?> modifyEnumDeserializer(
        DeserializationConfig config,
        JavaType type,
        BeanDescription beanDesc,
        JsonDeserializer<?> deserializer) {
      if (!isJavaTime(type.getRawClass())) {
        return deserializer;
      }
      JsonDeserializer<?> result = deserializer;
      for (BeanDeserializerModifier modifier : Real.INSTANCE.deserializerModifiers) {
        result = modifier.modifyEnumDeserializer(config, type, beanDesc, result);
      }
      return result;
    }

    @Override
    public JsonDeserializer<?> modifyDeserializer(
        DeserializationConfig config, BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
      if (!isJavaTime(beanDesc.getBeanClass())) {
        return deserializer;
      }
      JsonDeserializer<?> result = deserializer;
      for (BeanDeserializerModifier modifier : Real.INSTANCE.deserializerModifiers) {
        result = modifier.modifyDeserializer(config, beanDesc, result);
      }
      return result;
    }
  }
}

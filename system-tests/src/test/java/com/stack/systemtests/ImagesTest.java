package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deployables' OCI images, built as {@code ./stack images} builds them (the parent pom's Jib configuration over
 * the base of {@code infra/images/base.sh}) from the jars this build packaged, by a Maven of their own that writes
 * into a temporary folder. Each must run its service as nonroot on the jlinked java with the container flags, expose
 * the ports the service listens on, be Jib's layers over the base and hold no shell; and a second build from
 * scratch (the base linked again, empty Jib caches) must give the same digest.
 */
class ImagesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NONROOT = "65532";
    /** The names a shell (or a busybox standing in for one) goes by. */
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox");
    /** The small files whose content the assertions read. */
    private static final Set<String> READ_FILES =
            Set.of("etc/passwd", "app/jib-main-class-file", "app/jib-classpath-file");

    private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("\\$\\{[^:}]+:(\\d+)}");

    @TempDir
    static Path work;

    private static Path base;
    private static final Map<String, Image> IMAGES = new TreeMap<>();
    /** Layer entries by layer digest: the base layer is shared by every image and read once. */
    private static final Map<String, List<TarEntry>> LAYER_ENTRIES = new HashMap<>();

    @BeforeAll
    static void buildEveryImage() throws Exception {
        base = buildBase(ROOT.resolve("target/images/base"));
        List<String> deployables = deployables();
        assertThat(deployables).as("the modules declaring jib-maven-plugin").isNotEmpty();
        Path images = work.resolve("first");
        buildImages(deployables, base, images);
        for (String module : deployables) {
            IMAGES.put(module, Image.read(images.resolve(module + ".tar")));
        }
    }

    @Test
    void everyImageRunsItsServiceAsNonrootOnTheJlinkedJava() {
        IMAGES.forEach((module, image) -> {
            JsonNode config = image.config().path("config");
            assertThat(config.path("User").asString()).as(module).isEqualTo(NONROOT + ":" + NONROOT);
            assertThat(new String(image.file("etc/passwd"), StandardCharsets.UTF_8))
                    .as(module)
                    .contains("nonroot:x:" + NONROOT + ":" + NONROOT + ":");
            assertThat(config.path("WorkingDir").asString()).as(module).isEqualTo("/app");

            List<String> entrypoint = strings(config.path("Entrypoint"));
            TarEntry java = image.entry(entrypoint.get(0).substring(1));
            assertThat(java.isRegularFile() && (java.mode() & 0111) == 0111)
                    .as(module + ": " + entrypoint.get(0) + " is an executable file of the image")
                    .isTrue();
            assertThat(entrypoint)
                    .as(module + ": heap from the container's memory limit, exit on OOM, /tmp")
                    .anyMatch(flag -> flag.startsWith("-XX:MaxRAMPercentage="))
                    .contains("-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp");
            assertThat(entrypoint.subList(entrypoint.size() - 3, entrypoint.size()))
                    .as(module)
                    .containsExactly("-cp", "@/app/jib-classpath-file", "@/app/jib-main-class-file");

            String mainClass = new String(image.file("app/jib-main-class-file"), StandardCharsets.UTF_8).strip();
            assertThat(springBootApplication(mainClass))
                    .as(module + " starts " + mainClass)
                    .isTrue();
            Set<String> paths =
                    image.entries().stream().map(entry -> "/" + entry.name()).collect(Collectors.toSet());
            String classpath = new String(image.file("app/jib-classpath-file"), StandardCharsets.UTF_8).strip();
            for (String element : classpath.split(":")) {
                assertThat(paths.contains(element) || paths.contains(element + "/"))
                        .as(module + ": classpath element " + element + " is in the image")
                        .isTrue();
            }
        });
    }

    @Test
    void everyImageExposesThePortsItsServiceListensOn() throws IOException {
        for (Map.Entry<String, Image> image : IMAGES.entrySet()) {
            Set<String> exposed = new TreeSet<>();
            image.getValue()
                    .config()
                    .path("config")
                    .path("ExposedPorts")
                    .propertyNames()
                    .forEach(exposed::add);
            assertThat(exposed).as(image.getKey()).isEqualTo(listeningPorts(image.getKey()));
        }
    }

    @Test
    void everyImageIsJibsLayersOverTheBaseAndHoldsNoShell() throws IOException {
        String baseDiffId = JSON.readTree(TarEntry.read(base, "config.json"))
                .path("rootfs")
                .path("diff_ids")
                .get(0)
                .asString();
        IMAGES.forEach((module, image) -> {
            assertThat(image.layerComments())
                    .as(module)
                    .containsExactly(
                            "infra/images/base.sh",
                            "dependencies",
                            "snapshot dependencies",
                            "resources",
                            "classes",
                            "jvm arg files");
            assertThat(image.config().path("rootfs").path("diff_ids").get(0).asString())
                    .as(module)
                    .isEqualTo(baseDiffId);
            assertThat(image.config()
                            .path("config")
                            .path("Labels")
                            .path("org.opencontainers.image.title")
                            .asString())
                    .isEqualTo(module);

            for (TarEntry entry : image.entries()) {
                String name = entry.name();
                assertThat(SHELLS).as(module + ": " + name + " is a shell").doesNotContain(entry.fileName());
                assertThat(name)
                        .as(module + ": no tools directory but the JDK's")
                        .doesNotStartWith("bin/")
                        .doesNotStartWith("sbin/")
                        .doesNotStartWith("usr/bin/")
                        .doesNotStartWith("usr/sbin/");
                if (name.equals("tmp/")) {
                    assertThat(entry.mode() & 07777).as(module + ": /tmp").isEqualTo(01777);
                } else if (name.startsWith("home/nonroot/")) {
                    assertThat(entry.uid()).as(module + ": " + name).isEqualTo(Integer.parseInt(NONROOT));
                } else {
                    assertThat(entry.uid())
                            .as(module + ": " + name + " owned by root")
                            .isZero();
                    assertThat(entry.isSymbolicLink() || (entry.mode() & 0022) == 0)
                            .as(module + ": " + name + " writable by root alone")
                            .isTrue();
                }
            }
        });
    }

    @Test
    void aSecondBuildFromScratchGivesTheSameDigest() throws Exception {
        IMAGES.forEach((module, image) -> {
            assertThat(image.config().path("created").asString()).as(module).isEqualTo("1970-01-01T00:00:00Z");
            assertThat(image.entries())
                    .as(module + ": every file at the epoch (Jib's at one second past it)")
                    .allMatch(entry -> entry.modified() <= 1);
        });
        // the smallest image: the second build pays for a whole base and a whole image, as every build does
        String module = IMAGES.entrySet().stream()
                .min(Map.Entry.comparingByValue(Comparator.comparingLong(Image::size)))
                .orElseThrow()
                .getKey();
        Path again = work.resolve("again");
        buildImages(List.of(module), buildBase(again.resolve("base")), again);

        assertThat(Image.read(again.resolve(module + ".tar")).digest())
                .as(module)
                .isEqualTo(IMAGES.get(module).digest());
    }

    /** infra/images/base.sh into {@code directory} (idempotent: a base already there from the same inputs is kept). */
    private static Path buildBase(Path directory) throws Exception {
        Path log = work.resolve("base-" + directory.getParent().getFileName() + ".log");
        run(List.of("bash", ROOT.resolve("infra/images/base.sh").toString(), directory.toString()), log);
        return directory.resolve("base.tar");
    }

    /** Jib's buildTar on {@code modules}, with caches of its own: nothing from an earlier build is reused. */
    private static void buildImages(List<String> modules, Path baseTarball, Path directory) throws Exception {
        Files.createDirectories(directory);
        run(
                List.of(
                        ROOT.resolve("mvnw").toString(),
                        "-B",
                        "-q",
                        "-pl",
                        String.join(",", modules),
                        "jib:buildTar",
                        "-Dstack.image.base=" + baseTarball,
                        "-Dstack.image.directory=" + directory,
                        "-Djib.applicationCache=" + directory.resolve("cache"),
                        "-Djib.baseImageCache=" + directory.resolve("base-cache"),
                        "-Djib.disableUpdateChecks=true"),
                directory.resolve("build.log"));
    }

    private static void run(List<String> command, Path log) throws Exception {
        Process process = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(process.waitFor(15, TimeUnit.MINUTES))
                .as(command + " within 15 minutes")
                .isTrue();
        assertThat(process.exitValue()).as(command + " failed:\n" + tail(log)).isZero();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** The reactor's modules that declare the Jib plugin, i.e. the deployables. */
    private static List<String> deployables() throws Exception {
        List<String> deployables = new ArrayList<>();
        for (String module : childTexts(ROOT.resolve("pom.xml"), "module")) {
            if (childTexts(ROOT.resolve(module).resolve("pom.xml"), "artifactId")
                    .contains("jib-maven-plugin")) {
                deployables.add(module);
            }
        }
        return deployables;
    }

    private static List<String> childTexts(Path pom, String tag) throws Exception {
        NodeList nodes = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(pom.toFile())
                .getElementsByTagName(tag);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(((Element) nodes.item(i)).getTextContent().strip());
        }
        return texts;
    }

    /** The default ports of {@code server.port} and {@code management.server.port} in the module's own settings. */
    private static Set<String> listeningPorts(String module) throws IOException {
        Map<String, Object> settings;
        try (InputStream yaml = Files.newInputStream(ROOT.resolve(module + "/src/main/resources/" + module + ".yml"))) {
            // the first document: what every profile gets (a later one is a profile's own, e.g. the gateway's local)
            @SuppressWarnings("unchecked")
            Map<String, Object> first =
                    (Map<String, Object>) new Yaml().loadAll(yaml).iterator().next();
            settings = first;
        }
        Set<String> ports = new TreeSet<>();
        for (Object server :
                Arrays.asList(nested(settings, "server"), nested(nested(settings, "management"), "server"))) {
            Object port = nested(server, "port");
            if (port != null) {
                Matcher placeholder = PLACEHOLDER_DEFAULT.matcher(port.toString());
                ports.add((placeholder.matches() ? placeholder.group(1) : port.toString()) + "/tcp");
            }
        }
        assertThat(ports).as(module + "'s server.port").isNotEmpty();
        return ports;
    }

    private static Object nested(Object map, String key) {
        return map instanceof Map<?, ?> values ? values.get(key) : null;
    }

    private static boolean springBootApplication(String className) {
        try {
            return Class.forName(className, false, ImagesTest.class.getClassLoader())
                    .isAnnotationPresent(SpringBootApplication.class);
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asString)
                .toList();
    }

    /** An OCI image tarball (an OCI layout in a tar, as Jib writes it): its digest, config and layers. */
    private record Image(Path tarball, long size, String digest, JsonNode config, List<TarEntry> layers) {

        static Image read(Path tarball) throws IOException {
            Map<String, TarEntry> blobs =
                    TarEntry.list(tarball).stream().collect(Collectors.toMap(TarEntry::name, entry -> entry));
            String digest = JSON.readTree(TarEntry.bytes(tarball, blobs.get("index.json")))
                    .path("manifests")
                    .get(0)
                    .path("digest")
                    .asString();
            JsonNode manifest = JSON.readTree(TarEntry.bytes(tarball, blobs.get(blob(digest))));
            JsonNode config = JSON.readTree(TarEntry.bytes(
                    tarball,
                    blobs.get(blob(manifest.path("config").path("digest").asString()))));
            List<TarEntry> layers = new ArrayList<>();
            for (JsonNode layer : manifest.path("layers")) {
                layers.add(blobs.get(blob(layer.path("digest").asString())));
            }
            return new Image(tarball, Files.size(tarball), digest, config, layers);
        }

        private static String blob(String digest) {
            return "blobs/sha256/" + digest.substring("sha256:".length());
        }

        /** Each layer's history comment, or what created it where it has none (the base). */
        List<String> layerComments() {
            List<String> comments = new ArrayList<>();
            config.path("history")
                    .forEach(step -> comments.add(
                            step.has("comment")
                                    ? step.path("comment").asString()
                                    : step.path("created_by").asString()));
            return comments;
        }

        /** Every entry of every layer. */
        List<TarEntry> entries() {
            List<TarEntry> entries = new ArrayList<>();
            for (TarEntry layer : layers) {
                entries.addAll(LAYER_ENTRIES.computeIfAbsent(layer.name(), name -> {
                    try (InputStream gzip = new GZIPInputStream(layer.open(tarball), 1 << 16)) {
                        return TarEntry.list(gzip, entry -> READ_FILES.contains(entry.name()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            }
            return entries;
        }

        /** The entry at {@code name} (no leading slash) in the topmost layer that has it. */
        TarEntry entry(String name) {
            List<TarEntry> entries = entries();
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (entries.get(i).name().equals(name)) {
                    return entries.get(i);
                }
            }
            throw new AssertionError(name + " is not in " + tarball);
        }

        byte[] file(String name) {
            return entry(name).content();
        }
    }

    /**
     * One entry of a tar stream, as GNU tar and Jib write them (ustar headers, GNU long names, PAX paths); names
     * without a leading "./" or "/". {@code offset} is where its data starts in the stream; {@code content} is kept
     * for the small files a listing asked for.
     */
    private record TarEntry(
            String name, int mode, int uid, long modified, char type, long size, long offset, byte[] content) {

        boolean isRegularFile() {
            return type == '0' || type == 0;
        }

        boolean isSymbolicLink() {
            return type == '2';
        }

        String fileName() {
            String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
            return trimmed.substring(trimmed.lastIndexOf('/') + 1);
        }

        InputStream open(Path tarball) throws IOException {
            InputStream in = Files.newInputStream(tarball);
            in.skipNBytes(offset);
            return new BoundedInputStream(in, size);
        }

        static List<TarEntry> list(Path tarball) throws IOException {
            try (InputStream in = Files.newInputStream(tarball)) {
                return list(in, entry -> false);
            }
        }

        static byte[] bytes(Path tarball, TarEntry entry) throws IOException {
            try (InputStream in = entry.open(tarball)) {
                return in.readAllBytes();
            }
        }

        static byte[] read(Path tarball, String name) throws IOException {
            return bytes(
                    tarball,
                    list(tarball).stream()
                            .filter(entry -> entry.name().equals(name))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(name + " is not in " + tarball)));
        }

        static List<TarEntry> list(InputStream in, Predicate<TarEntry> keepContent) throws IOException {
            List<TarEntry> entries = new ArrayList<>();
            byte[] header = new byte[512];
            long position = 0;
            String longName = null;
            while (true) {
                if (in.readNBytes(header, 0, 512) < 512) {
                    throw new EOFException("a tar stream ends without its end blocks");
                }
                position += 512;
                if (header[0] == 0) {
                    return entries;
                }
                char type = (char) header[156];
                long size = octal(header, 124, 12);
                long padded = (size + 511) / 512 * 512;
                if (type == 'L' || type == 'x') {
                    String data = new String(in.readNBytes((int) size), StandardCharsets.UTF_8);
                    in.skipNBytes(padded - size);
                    position += padded;
                    longName = type == 'L' ? data.replaceAll("\0+$", "") : paxPath(data, longName);
                    continue;
                }
                String name = longName != null ? longName : ustarName(header);
                longName = null;
                TarEntry entry = new TarEntry(
                        name.replaceFirst("^\\./", "").replaceFirst("^/", ""),
                        (int) octal(header, 100, 8),
                        (int) octal(header, 108, 8),
                        octal(header, 136, 12),
                        type,
                        size,
                        position,
                        null);
                if (keepContent.test(entry)) {
                    entry = new TarEntry(
                            entry.name, entry.mode, entry.uid, entry.modified, type, size, position, in.readNBytes((int)
                                    size));
                    in.skipNBytes(padded - size);
                } else {
                    in.skipNBytes(padded);
                }
                position += padded;
                if (!entry.name().isEmpty()) {
                    entries.add(entry);
                }
            }
        }

        private static String ustarName(byte[] header) {
            String name = text(header, 0, 100);
            String prefix = new String(header, 257, 6, StandardCharsets.US_ASCII).startsWith("ustar")
                    ? text(header, 345, 155)
                    : "";
            return prefix.isEmpty() ? name : prefix + "/" + name;
        }

        /** The path record of a PAX extended header ("LENGTH path=VALUE\n"), or {@code fallback} without one. */
        private static String paxPath(String records, String fallback) {
            for (String record : records.split("\n")) {
                int equals = record.indexOf('=');
                if (equals > 0
                        && record.substring(record.indexOf(' ') + 1, equals).equals("path")) {
                    return record.substring(equals + 1);
                }
            }
            return fallback;
        }

        private static String text(byte[] header, int offset, int length) {
            int end = offset;
            while (end < offset + length && header[end] != 0) {
                end++;
            }
            return new String(header, offset, end - offset, StandardCharsets.UTF_8);
        }

        private static long octal(byte[] header, int offset, int length) {
            String digits = text(header, offset, length).strip();
            return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
        }
    }

    /** At most {@code remaining} bytes of a stream: one blob of a tarball. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long size) {
            this.in = in;
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            remaining--;
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}

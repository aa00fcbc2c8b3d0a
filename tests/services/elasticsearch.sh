#!/usr/bin/env bash
# A real Elasticsearch for the test suite and the benchmark.
#
#   bash tests/services/elasticsearch.sh start   # prints the server's URL on stdout
#   bash tests/services/elasticsearch.sh stop    # stops it and deletes its data
#
# It fetches Elasticsearch's integ-test zip from Maven Central with `mvn dependency:copy`
# (cached under /var/cache or ~/.cache, so only the first run downloads), runs it with the machine's JDK on
# 127.0.0.1 with a small heap and its data in a temporary directory, and waits for the cluster
# to be healthy. Elasticsearch refuses to run as root, so as root it runs as a system user.
#
# The integ-test zip carries no `analysis-common` module (the built-in language stemmers, the
# `mapping` char filter, `edge_ngram`). Production servers have it; here a small plugin built
# from the Java source below provides the same names with the same Lucene classes, so the
# index definition is the production one.
set -euo pipefail
log() { echo "elasticsearch: $*" >&2; }
fail() { log "$*"; exit 1; }

VERSION="${ES_VERSION:-8.18.1}"
# As root the server runs as another user, who cannot read root's home: cache under /var/cache.
if [ "$(id -u)" = 0 ]; then DEFAULT_CACHE=/var/cache/coworking/elasticsearch
else DEFAULT_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/coworking/elasticsearch"; fi
CACHE="${ES_CACHE_DIR:-$DEFAULT_CACHE}"
STATE_DIR="${ES_STATE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)/var/elasticsearch}"
STATE="$STATE_DIR/running"
ES_USER="${ES_USER:-coworking-es}"
HEAP="${ES_HEAP:-512m}"
HOME_DIR="$CACHE/elasticsearch-$VERSION"

as_es() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$ES_USER" -- "$@"; else "$@"; fi
}

find_java_home() {
  if [ -n "${ES_JAVA_HOME:-}" ]; then echo "$ES_JAVA_HOME"; return; fi
  if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME"; return; fi
  local java
  java=$(command -v java) || return 1
  dirname "$(dirname "$(readlink -f "$java")")"
}

install_prerequisites() {
  local missing=()
  command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
  command -v javac >/dev/null || missing+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || missing+=(maven)
  command -v unzip >/dev/null || missing+=(unzip)
  command -v curl >/dev/null || missing+=(curl)
  [ ${#missing[@]} -eq 0 ] && return
  [ "$(id -u)" = 0 ] || fail "missing ${missing[*]}: install them (apt-get install ${missing[*]}), then retry"
  log "installing ${missing[*]} from Debian's packages"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) >&2 \
    || fail "could not install ${missing[*]}; run 'apt-get install ${missing[*]}' as root, then retry"
}

fetch_distribution() {
  local zip="$CACHE/elasticsearch-$VERSION.zip"
  mkdir -p "$CACHE"
  if [ ! -s "$zip" ]; then
    log "downloading the integ-test zip $VERSION from Maven Central (once; cached in $CACHE)"
    mvn -q dependency:copy \
      "-Dartifact=org.elasticsearch.distribution.integ-test-zip:elasticsearch:$VERSION:zip" \
      "-DoutputDirectory=$CACHE" >&2 \
      || fail "mvn could not fetch org.elasticsearch.distribution.integ-test-zip:elasticsearch:$VERSION:zip"
  fi
  if [ ! -x "$HOME_DIR/bin/elasticsearch" ]; then
    rm -rf "$HOME_DIR.tmp" && mkdir -p "$HOME_DIR.tmp"
    unzip -q "$zip" -d "$HOME_DIR.tmp" || fail "could not unzip $zip; delete it and retry"
    rm -rf "$HOME_DIR" && mv "$HOME_DIR.tmp/elasticsearch-$VERSION" "$HOME_DIR" && rm -rf "$HOME_DIR.tmp"
  fi
}

build_analysis_plugin() {
  local plugin="$HOME_DIR/plugins/analysis-common-lite" stamp
  # Rebuilt whenever this script changes, so an edited plugin never runs stale.
  stamp=$(sha256sum "$0" | cut -c1-16)
  [ -f "$plugin/built-$stamp" ] && return
  rm -rf "$plugin"
  log "building the analysis plugin (stemmer, mapping, edge_ngram)"
  local work
  work=$(mktemp -d)
  mkdir -p "$work/src/coworking/analysis" "$work/classes"
  write_plugin_source "$work/src/coworking/analysis"
  javac -nowarn -d "$work/classes" -cp "$HOME_DIR/lib/*" "$work"/src/coworking/analysis/*.java >&2 \
    || fail "javac could not build the analysis plugin (see the errors above)"
  mkdir -p "$plugin"
  jar cf "$plugin/analysis-common-lite.jar" -C "$work/classes" . >&2
  cat >"$plugin/stable-plugin-descriptor.properties" <<EOF
description=The analysis-common components the integ-test zip lacks: stemmer, mapping, edge_ngram
version=$VERSION
name=analysis-common-lite
java.version=17
elasticsearch.version=$VERSION
EOF
  cat >"$plugin/named_components.json" <<'EOF'
{
  "org.elasticsearch.plugin.analysis.TokenFilterFactory": {
    "stemmer": "coworking.analysis.StemmerFilterFactory",
    "edge_ngram": "coworking.analysis.EdgeNgramFilterFactory"
  },
  "org.elasticsearch.plugin.analysis.CharFilterFactory": {
    "mapping": "coworking.analysis.MappingCharFilterFactory"
  }
}
EOF
  touch "$plugin/built-$stamp"
  rm -rf "$work"
}

write_plugin_source() {
  local dir="$1"
  cat >"$dir/StemmerSettings.java" <<'EOF'
package coworking.analysis;

import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;

@AnalysisSettings
public interface StemmerSettings {
    @StringSetting(path = "language", defaultValue = "english")
    String language();
}
EOF
  cat >"$dir/StemmerFilterFactory.java" <<'EOF'
package coworking.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.ru.RussianLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.tartarus.snowball.ext.RussianStemmer;

/** The `stemmer` token filter for the languages the site uses, as analysis-common builds them. */
@NamedComponent("stemmer")
public class StemmerFilterFactory implements TokenFilterFactory {
    private final String language;

    @Inject
    public StemmerFilterFactory(StemmerSettings settings) {
        this.language = settings.language();
        // Fail at index creation, as the real filter does, not at the first document.
        create(new org.apache.lucene.analysis.core.KeywordTokenizer());
    }

    @Override
    public TokenStream create(TokenStream in) {
        switch (language) {
            case "russian": return new SnowballFilter(in, new RussianStemmer());
            case "light_russian": return new RussianLightStemFilter(in);
            case "english": case "porter": return new PorterStemFilter(in);
            case "minimal_english": return new EnglishMinimalStemFilter(in);
            case "possessive_english": return new EnglishPossessiveFilter(in);
            default: throw new IllegalArgumentException("stemmer language not supported here: " + language);
        }
    }
}
EOF
  cat >"$dir/EdgeNgramSettings.java" <<'EOF'
package coworking.analysis;

import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.IntSetting;

@AnalysisSettings
public interface EdgeNgramSettings {
    @IntSetting(path = "min_gram", defaultValue = 1)
    int minGram();

    @IntSetting(path = "max_gram", defaultValue = 2)
    int maxGram();
}
EOF
  cat >"$dir/EdgeNgramFilterFactory.java" <<'EOF'
package coworking.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** The `edge_ngram` token filter: word prefixes for search-as-you-type. */
@NamedComponent("edge_ngram")
public class EdgeNgramFilterFactory implements TokenFilterFactory {
    private final int minGram;
    private final int maxGram;

    @Inject
    public EdgeNgramFilterFactory(EdgeNgramSettings settings) {
        this.minGram = settings.minGram();
        this.maxGram = settings.maxGram();
    }

    @Override
    public TokenStream create(TokenStream in) {
        return new EdgeNGramTokenFilter(in, minGram, maxGram, false);
    }
}
EOF
  cat >"$dir/MappingSettings.java" <<'EOF'
package coworking.analysis;

import java.util.List;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.ListSetting;

@AnalysisSettings
public interface MappingSettings {
    @ListSetting(path = "mappings")
    List<String> mappings();
}
EOF
  cat >"$dir/MappingCharFilterFactory.java" <<'EOF'
package coworking.analysis;

import java.io.Reader;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.CharFilterFactory;

/** The `mapping` char filter with "from=>to" rules (plain characters, no escapes). */
@NamedComponent("mapping")
public class MappingCharFilterFactory implements CharFilterFactory {
    private final NormalizeCharMap map;

    @Inject
    public MappingCharFilterFactory(MappingSettings settings) {
        NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
        for (String rule : settings.mappings()) {
            int arrow = rule.indexOf("=>");
            if (arrow < 1) throw new IllegalArgumentException("invalid mapping rule: " + rule);
            builder.add(rule.substring(0, arrow).trim(), rule.substring(arrow + 2).trim());
        }
        this.map = builder.build();
    }

    @Override
    public Reader create(Reader reader) {
        return new MappingCharFilter(map, reader);
    }

    @Override
    public Reader normalize(Reader reader) {
        return create(reader);
    }
}
EOF
}

ensure_user() {
  [ "$(id -u)" = 0 ] || return 0
  id "$ES_USER" >/dev/null 2>&1 \
    || useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER" \
    || fail "could not create the system user $ES_USER that runs Elasticsearch"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

healthy() {
  curl -fsS "$1/_cluster/health?wait_for_status=yellow&timeout=1s" 2>/dev/null \
    | grep -qE '"status":"(green|yellow)"'
}

start() {
  if [ -f "$STATE" ]; then
    # shellcheck disable=SC1090
    . "$STATE"
    if healthy "$URL"; then echo "$URL"; return; fi
    log "a previous server ($URL) is not answering; starting a new one"
    stop >/dev/null 2>&1 || true
  fi
  install_prerequisites
  fetch_distribution
  build_analysis_plugin
  ensure_user
  local java_home run port url
  java_home=$(find_java_home) || fail "no java on PATH; install openjdk-17-jdk-headless"
  run=$(mktemp -d "${TMPDIR:-/tmp}/coworking-es-XXXXXX")
  mkdir -p "$run/data" "$run/logs" "$run/tmp"
  if [ "$(id -u)" = 0 ]; then
    chown -R "$ES_USER" "$run"
    chown -R "$ES_USER" "$HOME_DIR"
    chmod 755 "$run"
  fi
  port=$(free_port)
  url="http://127.0.0.1:$port"
  log "starting $VERSION on $url (heap $HEAP, data in $run)"
  as_es env ES_JAVA_HOME="$java_home" ES_TMPDIR="$run/tmp" \
    ES_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP ${ES_EXTRA_JAVA_OPTS:-}" \
    "$HOME_DIR/bin/elasticsearch" -d -p "$run/pid" \
    -Ediscovery.type=single-node -Expack.security.enabled=false \
    -Enetwork.host=127.0.0.1 -Ehttp.port="$port" -Etransport.port=0 \
    -Epath.data="$run/data" -Epath.logs="$run/logs" \
    -Ecluster.routing.allocation.disk.threshold_enabled=false \
    -Eaction.destructive_requires_name=false \
    >"$run/logs/console.log" 2>&1 \
    || fail "it did not start; see $run/logs/console.log and $run/logs/elasticsearch.log"
  mkdir -p "$STATE_DIR"
  printf 'URL=%q\nRUN=%q\n' "$url" "$run" >"$STATE"
  local deadline=$((SECONDS + ${ES_START_TIMEOUT:-120}))
  until healthy "$url"; do
    if [ $SECONDS -ge $deadline ]; then
      fail "no healthy cluster at $url after ${ES_START_TIMEOUT:-120} s; see $run/logs/elasticsearch.log"
    fi
    if [ -f "$run/pid" ] && ! kill -0 "$(cat "$run/pid")" 2>/dev/null; then
      fail "the server exited while starting; see $run/logs/elasticsearch.log"
    fi
    sleep 1
  done
  log "ready at $url"
  echo "$url"
}

stop() {
  [ -f "$STATE" ] || { log "not running"; return 0; }
  # shellcheck disable=SC1090
  . "$STATE"
  if [ -f "$RUN/pid" ]; then
    local pid
    pid=$(cat "$RUN/pid")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -rf "$RUN" "$STATE"
  log "stopped"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  url) [ -f "$STATE" ] && { . "$STATE"; echo "$URL"; } ;;
  *) fail "usage: $0 start|stop|url" ;;
esac

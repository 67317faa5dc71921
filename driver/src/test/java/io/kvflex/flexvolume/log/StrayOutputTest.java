package io.kvflex.flexvolume.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrayOutputTest {

  @Test
  void eachLinePrintedByALibraryBecomesOneLogEvent() {
    List<String> events = new ArrayList<>();
    EventLog log =
        new EventLog() {
          final Redactor redactor = new Redactor();

          @Override
          public void log(Level level, String event, Object... fields) {
            events.add(level + " " + event + " " + fields[1] + " " + fields[3]);
          }

          @Override
          public Redactor redactor() {
            return redactor;
          }
        };
    PrintStream out = StrayOutput.printStream(log, "stderr");
    out.print("SLF4J: Failed to load class ");
    out.println("\"org.slf4j.impl.StaticLoggerBinder\".");
    out.print("partial");
    assertThat(events)
        .containsExactly(
            "WARN stray.output stderr SLF4J: Failed to load class \"org.slf4j.impl.StaticLoggerBinder\".");
    out.close();
    assertThat(events).hasSize(2).last().isEqualTo("WARN stray.output stderr partial");
  }
}

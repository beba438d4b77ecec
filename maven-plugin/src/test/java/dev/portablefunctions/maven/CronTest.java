package dev.portablefunctions.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CronTest {

  @Test
  void everyDayAtATime() {
    Cron cron = Cron.parse("30 2 * * *");

    assertThat(cron.unix()).isEqualTo("30 2 * * *");
    assertThat(cron.ncrontab()).isEqualTo("0 30 2 * * *");
    assertThat(cron.aws()).isEqualTo("cron(30 2 * * ? *)");
  }

  @Test
  void daysOfTheWeekAreNumberedFromOneOnAws() {
    assertThat(Cron.parse("0 9 * * 1-5").aws()).isEqualTo("cron(0 9 ? * 2-6 *)");
    assertThat(Cron.parse("0 9 * * 0,6").aws()).isEqualTo("cron(0 9 ? * 1,7 *)");
    assertThat(Cron.parse("0 9 * * 7").aws()).isEqualTo("cron(0 9 ? * 1 *)");
    assertThat(Cron.parse("0 9 * * mon-fri").aws()).isEqualTo("cron(0 9 ? * MON-FRI *)");
  }

  @Test
  void stepsStayAsTheyAre() {
    assertThat(Cron.parse("*/5 * * * *").aws()).isEqualTo("cron(*/5 * * * ? *)");
    assertThat(Cron.parse("0 0 1 * *").aws()).isEqualTo("cron(0 0 1 * ? *)");
  }

  @Test
  void refusesWhatNoCloudReadsTheSameWay() {
    assertThatThrownBy(() -> Cron.parse("0 30 2 * * *"))
        .hasMessageContaining("six fields")
        .hasMessageContaining("'30 2 * * *'");
    assertThatThrownBy(() -> Cron.parse("daily")).hasMessageContaining("five-field");
    assertThatThrownBy(() -> Cron.parse("0 2 * * $(reboot)")).hasMessageContaining("characters");
    assertThatThrownBy(() -> Cron.parse("0 2 1 * 1").aws())
        .hasMessageContaining("both the day of the month and the day of the week");
  }
}

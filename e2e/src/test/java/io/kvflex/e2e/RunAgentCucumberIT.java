package io.kvflex.e2e;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PUBLISH_QUIET_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * Runs every feature under {@code features/} a second time on the host backend, with the node agent
 * ({@code kv agent}) running: every kubelet call of every scenario goes through the agent unless
 * the scenario says otherwise. Failsafe sets {@code -Dkvflex.e2e.agent=true} for it. Reports:
 * {@code e2e/target/cucumber-agent/}.
 */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("features")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "io.kvflex.e2e.steps")
@ConfigurationParameter(key = PLUGIN_PUBLISH_QUIET_PROPERTY_NAME, value = "true")
@ConfigurationParameter(
    key = PLUGIN_PROPERTY_NAME,
    value =
        "summary, json:target/cucumber-agent/cucumber.json,"
            + " html:target/cucumber-agent/cucumber.html, junit:target/cucumber-agent/cucumber.xml")
public class RunAgentCucumberIT {}

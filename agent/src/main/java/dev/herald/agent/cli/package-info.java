/** The agent jar's command line: {@code java -jar herald-agent.jar check herald.yaml}. */
package dev.herald.agent.cli;

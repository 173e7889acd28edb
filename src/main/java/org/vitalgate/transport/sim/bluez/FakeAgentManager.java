package org.vitalgate.transport.sim.bluez;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bluez.AgentManager1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.base.AbstractConnectionBase;

/** org.bluez.AgentManager1 at /org/bluez: remembers which bus peer registered which agent. Thread-safe. */
final class FakeAgentManager implements AgentManager1 {
    record Registration(String busName, String path, String capability) {
    }

    private final Map<String, Registration> bySender = new ConcurrentHashMap<>();
    private volatile Registration defaultAgent;

    @Override
    public String getObjectPath() {
        return "/org/bluez";
    }

    @Override
    public void RegisterAgent(DBusPath agent, String capability) {
        String sender = AbstractConnectionBase.getCallInfo().getSource();
        if (bySender.containsKey(sender)) {
            throw FakeBluez.error("org.bluez.Error.AlreadyExists", "Already Exists");
        }
        if (!capability.isEmpty() && !java.util.Set.of("DisplayOnly", "DisplayYesNo", "KeyboardOnly",
                "NoInputNoOutput", "KeyboardDisplay").contains(capability)) {
            throw FakeBluez.error("org.bluez.Error.InvalidArguments", "Invalid Arguments");
        }
        bySender.put(sender, new Registration(sender, agent.getPath(), capability));
    }

    @Override
    public void UnregisterAgent(DBusPath agent) {
        String sender = AbstractConnectionBase.getCallInfo().getSource();
        Registration r = bySender.remove(sender);
        if (r == null || !r.path().equals(agent.getPath())) {
            throw FakeBluez.error("org.bluez.Error.DoesNotExist", "Does Not Exist");
        }
        if (r.equals(defaultAgent)) {
            defaultAgent = null;
        }
    }

    @Override
    public void RequestDefaultAgent(DBusPath agent) {
        String sender = AbstractConnectionBase.getCallInfo().getSource();
        Registration r = bySender.get(sender);
        if (r == null || !r.path().equals(agent.getPath())) {
            throw FakeBluez.error("org.bluez.Error.DoesNotExist", "Does Not Exist");
        }
        defaultAgent = r;
    }

    /** The caller's own agent, else the default one (BlueZ's rule), else null. */
    Registration agentFor(String caller) {
        Registration own = bySender.get(caller);
        return own != null ? own : defaultAgent;
    }

    boolean hasAgent() {
        return !bySender.isEmpty();
    }

    void clear() {
        bySender.clear();
        defaultAgent = null;
    }
}

import ICAL from "ical.js";

/** Parses an .ics as a calendar application would: its VTIMEZONEs registered, each event's instants. */
export function parseIcs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toUnixTime() * 1000,
      end: event.endDate.toUnixTime() * 1000,
      zone: event.startDate.zone?.tzid ?? null,
      location: event.location,
      description: event.description,
    };
  });
  const zones = calendar.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid"));
  for (const zone of zones) ICAL.TimezoneService.remove(String(zone));
  return { events, zones };
}

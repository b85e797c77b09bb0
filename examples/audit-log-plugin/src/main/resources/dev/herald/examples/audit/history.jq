# The history of one entity instance in a Herald audit file, oldest first; the same selection as AuditHistory.
#   jq -c -s --arg entity order --arg id 42 -f history.jq audit.jsonl.2 audit.jsonl.1 audit.jsonl
# An event belongs if its entity matches and an argument or the result is the id, or an object whose "id" is it;
# the other events of the same call (same non-zero invocationId in the same run) belong too.
def is_id: if type == "object" then ((.id // null) | type != "object" and type != "array" and type != "null" and tostring == $id)
           elif type == "array" or type == "null" then false
           else tostring == $id end;
def mentions: ([.args[]?, .result] | any(is_id));
[ .[] | select(.entity == $entity) ] as $events
| [ $events[] | select(mentions and .invocationId != 0) | [.run, .invocationId] ] as $calls
| $events[] | select(mentions or ([.run, .invocationId] as $c | $calls | index([$c]) != null))

/**
 * The SIP message model (RFC 3261) used by the runtime: parsing, header/URI/Via accessors,
 * changes and serialisation, locally built replies, ACK and CANCEL.
 */
export { buildAck, buildCancel } from "./ack-cancel.ts";
export { parseCSeq, type CSeq } from "./cseq.ts";
export { fixSipText } from "./fixup.ts";
export { HeaderField } from "./header-field.ts";
export { headerKey } from "./header-names.ts";
export { formatHostPort, parseHostPort, type HostPort } from "./host-port.ts";
export { MessageView } from "./message-view.ts";
export { SipMessage } from "./message.ts";
export { formatNameAddr, parseNameAddr, parseNameAddrList, unquoteDisplayName, type NameAddr } from "./name-addr.ts";
export { formatParams, paramValue, parseParams, type Param } from "./params.ts";
export { parseSipMessage, type ParseResult } from "./parse.ts";
export { buildReply, localToTag, type ReplyOptions } from "./reply.ts";
export { splitHeaderList } from "./scan.ts";
export type { RequestLine, StartLine, StatusLine } from "./start-line.ts";
export { formatUri, parseUri, uriHeadersText, uriParamsText, type SipUri } from "./uri.ts";
export { stampReceived, withReceived, type Source } from "./via-received.ts";
export { formatVia, parseVia, parseViaList, viaBranch, type Via } from "./via.ts";
